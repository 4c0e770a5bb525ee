package dev.ratel.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rated usage exported by a Ratel before the charge code was kept (the Parquet has no {@code charge_code} column) is
 * still summed, by destination class, beside a file that has it; files are written here with parquet-mr's own writer.
 */
class PeriodUsageTest {
    /** The export's schema before 2026-12: no charge_code. */
    private static final MessageType OLD = MessageTypeParser.parseMessageType("message rated_usage {"
            + " required binary record_id (STRING); required binary source (STRING); required binary account_id (STRING);"
            + " required binary subscriber (STRING); required binary service (STRING); required binary direction (STRING);"
            + " optional binary other_party (STRING); required int64 start_time (TIMESTAMP(MILLIS,true));"
            + " required binary period (STRING); required binary plan_id (STRING); optional binary destination_class (STRING);"
            + " required int64 billed_units; required int64 allowance_units; required int64 amount (DECIMAL(18,4));"
            + " required binary currency (STRING); required boolean late; required boolean throttled; }");

    @TempDir
    Path dir;

    @Test
    void shouldSumFilesWithAndWithoutTheChargeCodeColumn() throws Exception {
        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
        Path day = Files.createDirectories(dir.resolve("rated/period=2024-05/day=02"));
        write(day.resolve("part-1.parquet"), OLD, null);
        write(day.resolve("part-2.parquet"), dev.ratel.formats.journal.RatedUsageParquet.SCHEMA, "VOICE_KZ_OFFNET");
        PeriodUsage usage = PeriodUsage.read(dir.toUri().toString(), "2024-05", plans);
        // two calls of 120 s, 60 s from the allowance, 18.00 each: the old one grouped by its class, the new by its rule
        assertThat(usage.records()).isEqualTo(2);
        assertThat(usage.of("K1")).extracting(g -> g.chargeCode + "|" + g.destinationClass + "|" + g.chargedUnits + "|" + g.amountScaled)
                .containsExactlyInAnyOrder("|kz-mobile-other|60|180000", "VOICE_KZ_OFFNET||60|180000");
        assertThat(usage.numbers("K1").get("77051110001").voiceSeconds).isEqualTo(240);
    }

    private static void write(Path file, MessageType schema, String chargeCode) throws Exception {
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withType(schema).withConf(new Configuration()).build()) {
            Group row = new SimpleGroupFactory(schema).newGroup()
                    .append("record_id", file.getFileName().toString()).append("source", "msc").append("account_id", "K1")
                    .append("subscriber", "77051110001").append("service", "VOICE").append("direction", "OUT")
                    .append("other_party", "77011234567").append("start_time", 1_714_640_400_000L).append("period", "2024-05")
                    .append("plan_id", "kense-15").append("destination_class", "kz-mobile-other").append("billed_units", 120L)
                    .append("allowance_units", 60L).append("amount", 180_000L).append("currency", "KZT").append("late", false)
                    .append("throttled", false);
            if (chargeCode != null) {
                row.append("charge_code", chargeCode);
            }
            writer.write(row);
        }
    }
}
