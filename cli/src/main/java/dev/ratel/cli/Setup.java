package dev.ratel.cli;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataException;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The configuration a job reads before any work: tariffs, reference data, exchange rates and tax rates
 * (the reference directory's tax-rates.csv, else the ones Ratel ships), checked in full; a problem stops
 * the command with exit 2 and the file:line messages.
 */
record Setup(Map<String, TariffPlan> plans, ReferenceData reference, ExchangeRates exchangeRates, TaxTable taxes) {
    static Setup load(Path tariffs, Path reference) throws IOException {
        try {
            TaxTable taxes = TaxRatesCsv.of(reference);
            Map<String, TariffPlan> plans = new TariffLoader(taxes).loadDirectory(tariffs);
            ReferenceData data = new ReferenceDataLoader(plans).load(reference);
            ExchangeRates rates = ExchangeRates.none();
            if (Files.exists(reference.resolve("exchange-rates.csv"))) {
                rates = ExchangeRatesCsv.read(reference.resolve("exchange-rates.csv"));
            }
            return new Setup(plans, data, rates, taxes);
        } catch (TariffValidationException | ReferenceValidationException | ReferenceDataException e) {
            throw new UsageProblem(e.getMessage());
        }
    }

    static YearMonth period(String text, String option) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageProblem(option + " '" + text + "' is not a period YYYY-MM, e.g. 2024-05");
        }
    }

    /**
     * Checks, before any work, that a command can write into {@code directory} (its home, its --out): not a file, and
     * the directory, or the nearest parent that exists, writable by this user. Found late, either would stop a run
     * after its ingest.
     */
    static void writableDirectory(Path directory, String option) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UsageProblem(option + " " + directory + " is a file, not a directory; name a directory");
        }
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UsageProblem(option + " " + directory + " cannot be made: " + existing + " is a file; name a directory");
        }
        if (!Files.isWritable(existing)) {
            throw new UsageProblem(option + " " + directory + ": " + existing + " is not writable by this user; name a directory"
                    + " it can write, or change the directory's permissions");
        }
    }
}
