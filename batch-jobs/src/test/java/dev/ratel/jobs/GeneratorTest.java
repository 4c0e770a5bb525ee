package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import dev.ratel.formats.cdr.SwitchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    private static final Clock AFTER_THE_MONTH = Clock.fixed(Instant.parse("2024-06-05T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Generator.Result generate(Path out, long seed, boolean asterisk, double duplicates, double malformed) throws IOException {
        return generate(out, seed, asterisk, false, duplicates, malformed);
    }

    private Generator.Result generate(Path out, long seed, boolean asterisk, boolean parquet, double duplicates, double malformed)
            throws IOException {
        return new Generator(new GeneratorSettings(out, 60, 20_000, YearMonth.of(2024, 5), 0, seed, asterisk, parquet, 0.02, duplicates,
                malformed)).generate();
    }

    private IngestSummary ingest(Path home, Path cdr, CdrFormat format) throws IOException {
        SwitchSettings asterisk = format == CdrFormat.ASTERISK ? new SwitchSettings(ZoneId.of("Europe/Moscow"), "pbx-moscow", "", null) : null;
        return new Ingest(IngestSettings.defaults(home, format, asterisk).withClock(AFTER_THE_MONTH).withExpectedRecords(50_000))
                .run(List.of(cdr), null, n -> { });
    }

    @Test
    void shouldWriteByteIdenticalFilesForTheSameSeed() throws IOException {
        generate(dir.resolve("a"), 7, true, 0.01, 0.01);
        generate(dir.resolve("b"), 7, true, 0.01, 0.01);
        generate(dir.resolve("c"), 8, true, 0.01, 0.01);
        List<Path> files = files(dir.resolve("a"));
        assertThat(files).hasSizeGreaterThan(30);
        for (Path file : files) {
            Path relative = dir.resolve("a").relativize(file);
            assertThat(Files.mismatch(file, dir.resolve("b").resolve(relative))).as(relative.toString()).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dir.resolve("a/reference/numbers.csv"), dir.resolve("c/reference/numbers.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void shouldGenerateOnlyValidRecordsExceptTheMalformedAndDeliverDuplicatesTwice() throws IOException {
        Generator.Result clean = generate(dir.resolve("clean"), 3, false, 0.01, 0.0);
        IngestSummary summary = ingest(dir.resolve("home1"), dir.resolve("clean/cdr"), CdrFormat.CANONICAL);
        // Every generated record is valid; the lines written twice come back as duplicates.
        assertThat(summary.rejected()).isZero();
        assertThat(summary.accepted()).isEqualTo(clean.cdrs());
        assertThat(summary.duplicates()).isEqualTo(clean.duplicateLines());
        assertThat(summary.read()).isEqualTo(clean.cdrs() + clean.duplicateLines());
        assertThat(clean.lateRecords()).isPositive();

        Generator.Result broken = generate(dir.resolve("broken"), 3, false, 0.0, 0.01);
        IngestSummary brokenSummary = ingest(dir.resolve("home2"), dir.resolve("broken/cdr"), CdrFormat.CANONICAL);
        assertThat(broken.malformedLines()).isPositive();
        assertThat(brokenSummary.rejected()).isEqualTo(broken.malformedLines());
        assertThat(brokenSummary.accepted()).isEqualTo(broken.cdrs() - broken.malformedLines());
    }

    @Test
    void shouldWriteThePbxCallsAsAsteriskMasterCsvWithUnansweredLegs() throws IOException {
        Generator.Result result = generate(dir.resolve("g"), 5, true, 0.0, 0.0);
        IngestSummary canonical = ingest(dir.resolve("home"), dir.resolve("g/cdr"), CdrFormat.CANONICAL);
        IngestSummary asterisk = ingest(dir.resolve("home"), dir.resolve("g/asterisk"), CdrFormat.ASTERISK);
        // Every CDR is in exactly one of the two formats; the Asterisk file adds unanswered legs, rejected as not billable.
        assertThat(canonical.accepted() + asterisk.accepted()).isEqualTo(result.cdrs());
        assertThat(asterisk.rejected()).isEqualTo(asterisk.rejectedByReason().get("NOT_BILLABLE")).isPositive();
        assertThat(asterisk.duplicates()).isZero();
    }

    @Test
    void shouldSpreadUsageOverTheDaysAskedFor() throws IOException {
        Generator.Result result = new Generator(new GeneratorSettings(dir.resolve("ten"), 30, 3_000, YearMonth.of(2024, 5), 10, 2,
                false, false, 0.0, 0.0, 0.0)).generate();
        // Ten daily files (May 1st to 10th) and the late file named for the day after.
        assertThat(result.cdrFiles()).hasSize(11);
        assertThat(result.cdrFiles().get(10).getFileName().toString()).isEqualTo("cdr-2024-05-11-late.csv");
        long lines = 0;
        for (Path file : result.cdrFiles()) {
            lines += Files.readAllLines(file).size() - 1;
        }
        assertThat(lines).isEqualTo(3_000);
    }

    @Test
    void shouldWriteReferenceDataThatLoadsCleanlyAgainstTheSampleTariffs() throws Exception {
        generate(dir.resolve("g"), 9, false, 0.0, 0.0);
        var plans = new dev.ratel.formats.tariff.TariffLoader(TaxRatesCsv.shipped())
                .loadDirectory(Path.of("../samples/tariffs"));
        var data = new dev.ratel.formats.reference.ReferenceDataLoader(plans).load(dir.resolve("g/reference"));
        assertThat(data.accounts()).hasSize(60);
        assertThat(data.numberCount()).isPositive();
        assertThat(data.accounts().values()).extracting(a -> a.planId()).contains("kense-15", "prostoy-prosto");
    }

    @Test
    void shouldAcceptAndRejectTheSameRecordsFromParquetAsFromCsv() throws IOException {
        Generator.Result csv = generate(dir.resolve("csv"), 11, false, false, 0.01, 0.01);
        Generator.Result parquet = generate(dir.resolve("parquet"), 11, false, true, 0.01, 0.01);
        IngestSummary fromCsv = ingest(dir.resolve("home-csv"), dir.resolve("csv/cdr"), CdrFormat.CANONICAL);
        IngestSummary fromParquet = ingest(dir.resolve("home-parquet"), dir.resolve("parquet/cdr"), CdrFormat.PARQUET);
        assertThat(parquet).isEqualTo(new Generator.Result(csv.accounts(), csv.numbers(), csv.cdrs(), csv.lateRecords(),
                csv.duplicateLines(), csv.malformedLines(), parquet.cdrFiles()));
        assertThat(fromParquet.read()).isEqualTo(fromCsv.read());
        assertThat(fromParquet.accepted()).isEqualTo(fromCsv.accepted());
        assertThat(fromParquet.duplicates()).isEqualTo(fromCsv.duplicates());
        assertThat(fromParquet.rejected()).isEqualTo(fromCsv.rejected()).isPositive();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
