package dev.ratel.jobs;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A generated May 2024 over the sample plans, ingested into a home under {@code dir}, with the
 * plans, reference data and exchange rates loaded: the set-up of the rating and export tests.
 */
record GeneratedMonth(Path home, Path data, IngestSummary ingested, Map<String, TariffPlan> plans, ReferenceData reference,
                      ExchangeRates exchangeRates) {

    static GeneratedMonth of(Path dir, int accounts, long cdrs, long seed, double duplicateShare) throws Exception {
        Path data = dir.resolve("data");
        new Generator(new GeneratorSettings(data, accounts, cdrs, YearMonth.of(2024, 5), 0, seed, false, false, 0.01,
                duplicateShare, 0.0)).generate();
        Path home = dir.resolve("home");
        IngestSummary ingested = new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)))
                .run(List.of(data.resolve("cdr")), null, n -> { });
        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
        ReferenceData reference = new ReferenceDataLoader(plans).load(data.resolve("reference"));
        return new GeneratedMonth(home, data, ingested, plans, reference, ExchangeRatesCsv.read(data.resolve("reference/exchange-rates.csv")));
    }
}
