package dev.ratel.jobs;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.close.CloseMonth;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An operator's nights in a temporary directory, as cron runs them: each night the reference data of
 * that day is written, one CDR file arrives, and it is ingested and rated into the same home
 * ({@code dir/home}) with that day's reference data. Files are canonical CSV.
 */
public final class Nights {
    public static final String CDR_HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,"
            + "volume_bytes,sms_chars,sms_encoding\n";
    private final Path dir;
    private final Map<String, TariffPlan> plans;
    private final Map<String, String> referenceFiles = new LinkedHashMap<>();
    private ReferenceData reference;
    private int night;
    private final java.util.Set<Integer> closed = new java.util.TreeSet<>();
    private dev.ratel.jobs.ingest.IngestSummary lastIngest;

    public Nights(Path dir, Path tariffs) throws Exception {
        this.dir = dir;
        this.plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(tariffs);
    }

    /** The sample plans of {@code samples/tariffs}. */
    public static Nights overSamplePlans(Path dir) throws Exception {
        return new Nights(dir, Path.of("../samples/tariffs"));
    }

    public Path home() {
        return dir.resolve("home");
    }

    /** Where the Parquet and each period's documents go. */
    public Path out() {
        return dir.resolve("out");
    }

    public Map<String, TariffPlan> plans() {
        return plans;
    }

    /** Today's reference data, as the last {@link #reference(String, String)} calls left it. */
    public ReferenceData reference() {
        return reference;
    }

    /** Sets a reference file's whole text (header included) from this night on. */
    public Nights reference(String file, String text) {
        referenceFiles.put(file, text);
        reference = null;
        return this;
    }

    /** Loads the reference data as set now, written into a directory of this night's own. */
    public ReferenceData loadReference() throws Exception {
        Path directory = Files.createDirectories(dir.resolve("reference-" + (night + 1)));
        for (Map.Entry<String, String> file : referenceFiles.entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        reference = new ReferenceDataLoader(plans).load(directory);
        return reference;
    }

    /**
     * One night: the CDR lines (no header) arrive in a file of their own, ingested at {@code now} and
     * rated with today's reference data; periods in {@code closed} are already invoiced.
     */
    public RateRun.Summary night(String cdrLines, Instant now, Set<Integer> closed) throws Exception {
        ReferenceData today = loadReference();
        night++;
        Path cdr = Files.createDirectories(dir.resolve("cdr").resolve("night-" + night));
        Files.writeString(cdr.resolve("cdr-" + night + ".csv"), CDR_HEADER + cdrLines, StandardCharsets.UTF_8);
        lastIngest = new Ingest(IngestSettings.defaults(home(), CdrFormat.CANONICAL, null).withClock(Clock.fixed(now, ZoneOffset.UTC)))
                .run(List.of(cdr), null, n -> { });
        return new RateRun(home(), plans, today, ExchangeRates.none(), closed, 2).run(n -> { });
    }

    /** What the last night's ingest took, rejected and found duplicated. */
    public dev.ratel.jobs.ingest.IngestSummary lastIngest() {
        return lastIngest;
    }

    /** {@link #night(String, Instant, Set)} with the periods {@link #close closed} so far. */
    public RateRun.Summary night(String cdrLines, Instant now) throws Exception {
        return night(cdrLines, now, closed);
    }

    /** Closes a period at {@code now} with today's reference data and the shipped tax rates (exported first). */
    public CloseMonth.Result close(YearMonth period, Instant now) throws Exception {
        ReferenceData today = loadReference();
        try (JobStore store = JobStore.open(home(), null, null, null)) {
            CloseMonth.Result result = new CloseMonth(store, home(), out(), plans, today, TaxRatesCsv.shipped(), Clock.fixed(now, ZoneOffset.UTC),
                    Map.of()).run(period);
            closed.add(CivilDates.period(period.getYear(), period.getMonthValue()));
            return result;
        }
    }
}
