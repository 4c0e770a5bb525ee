package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.journal.RatedRow;
import dev.ratel.formats.journal.RatedUsageParquet;
import dev.ratel.formats.journal.RatedUsageWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's own Parquet encoder: every field of every row comes back from parquet-mr's reader and
 * from DuckDB, across row groups, with nulls, long runs and random values, and non-ASCII names.
 */
class RatedUsageWriterTest {
    // Two full row groups and a part: 65 536 * 2 + 7 465.
    private static final int ROWS = 2 * RatedUsageWriter.ROWS_PER_GROUP + 7_465;
    private static final String[] SERVICES = {"VOICE", "SMS", "DATA"};
    private static final String[] PLANS = {"kense-15", "бизнес-100", "vpbx"};

    @TempDir
    java.nio.file.Path dir;

    @Test
    void shouldWriteRowsThatParquetMrAndDuckDbReadBackFieldForField() throws Exception {
        java.nio.file.Path file = dir.resolve("rated.parquet");
        java.nio.file.Path twin = dir.resolve("twin.parquet");
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.FileSystem fs = RatedUsageParquet.fileSystem(new Path(dir.toUri()), conf);
        List<String> expected = new ArrayList<>();
        long amountSum = 0;
        long withOtherParty = 0;
        long withDestination = 0;
        long withCharge = 0;
        // Two files filled row by row in turn through one pool: their row groups interleave on the encoder
        // thread and recycle each other's arrays, and each file must still hold exactly its own rows.
        try (RatedUsageWriter.Pool pool = new RatedUsageWriter.Pool();
             RatedUsageWriter writer = pool.create(fs, new Path(file.toUri()));
             RatedUsageWriter other = pool.create(fs, new Path(twin.toUri()))) {
            RatedRow row = new RatedRow();
            RatedRow.Name[] services = names(SERVICES);
            RatedRow.Name[] plans = names(PLANS);
            RatedRow.Name[] directions = names(new String[] {"OUT", "IN"});
            RatedRow.Name kzt = RatedRow.Name.of("KZT");
            RatedRow.Name usd = RatedRow.Name.of("USD");
            RatedRow.Name may = RatedRow.Name.of("2024-05");
            RatedRow.Name international = RatedRow.Name.of("international");
            RatedRow.Name onNet = RatedRow.Name.of("kz-mobile-onnet");
            RatedRow.Name[] charges = names(new String[] {"VOICE_KZ_OFFNET", "SMS_KZ", "ИНТЕРНЕТ"});
            // an account id inside a larger array, as the export's batch words are
            byte[] words = "xxACC-00042yy".getBytes(StandardCharsets.UTF_8);
            RatedRow.Name account = new RatedRow.Name(words, 2, 9);
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int i = 0; i < ROWS; i++) {
                byte[] id = ("r" + i).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(id, 0, row.recordId, 0, id.length);
                row.recordIdLength = id.length;
                byte[] source = (i < 100_000 ? "sw1" : "смс-центр").getBytes(StandardCharsets.UTF_8);
                System.arraycopy(source, 0, row.source, 0, source.length);
                row.sourceLength = source.length;
                row.accountId = account;
                row.subscriber = 77_050_000_000L + i % 1_000;
                row.service = services[random.nextInt(3)];
                row.direction = directions[i / 10 % 2];
                // other party: none for one row in seven; destination: none in the whole second row group
                row.otherParty = i % 7 == 3 ? 0 : 70_000_000_000L + random.nextInt(1_000_000);
                row.startEpochMillis = 1_714_500_000_000L + i * 1_000L;
                row.period = may;
                row.planId = plans[i / 1_000 % 3];
                boolean secondGroup = i >= RatedUsageWriter.ROWS_PER_GROUP && i < 2 * RatedUsageWriter.ROWS_PER_GROUP;
                // destination: none in the whole second row group; elsewhere two classes with a null every fifth row,
                // so the dictionary indexes and the definition levels of one page must stay in step
                row.destinationClass = secondGroup || i % 5 == 2 ? null : i % 3 == 0 ? onNet : international;
                row.billedUnits = random.nextInt(600);
                row.allowanceUnits = i % 3 == 0 ? row.billedUnits : 0;
                row.amountScaled = i % 3 == 0 ? 0 : random.nextLong(10_000_000L) - 1_000;
                row.currency = i % 1_000 == 0 ? usd : kzt;
                row.late = i % 11 == 0;
                row.throttled = i % 13 == 0;
                // the charge code: none for one row in four (usage rated before Ratel kept it), else the service's rule
                row.chargeCode = i % 4 == 1 ? null : charges[row.service == services[0] ? 0 : row.service == services[1] ? 1 : 2];
                writer.write(row);
                other.write(row);
                amountSum += row.amountScaled;
                withOtherParty += row.otherParty == 0 ? 0 : 1;
                withDestination += row.destinationClass == null ? 0 : 1;
                withCharge += row.chargeCode == null ? 0 : 1;
                expected.add(String.join("|", "r" + i, new String(source, StandardCharsets.UTF_8), "ACC-00042",
                        Long.toString(row.subscriber), row.service.toString(), row.direction.toString(),
                        row.otherParty == 0 ? "null" : Long.toString(row.otherParty), Long.toString(row.startEpochMillis), "2024-05",
                        row.planId.toString(), row.destinationClass == null ? "null" : row.destinationClass.toString(),
                        Long.toString(row.billedUnits), Long.toString(row.allowanceUnits), Long.toString(row.amountScaled),
                        row.currency.toString(), Boolean.toString(row.late), Boolean.toString(row.throttled),
                        row.chargeCode == null ? "null" : row.chargeCode.toString()));
            }
            assertThat(writer.rows()).isEqualTo(ROWS);
        }
        assertThat(readBack(twin, conf)).isEqualTo(expected);

        List<String> read = readBack(file, conf);
        assertThat(read).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(read.get(i)).as("row %d", i).isEqualTo(expected.get(i));
        }

        // Three row groups; start_time statistics give each group's first and last second.
        try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.toUri()), conf))) {
            List<BlockMetaData> groups = footer.getFooter().getBlocks();
            assertThat(groups).extracting(BlockMetaData::getRowCount)
                    .containsExactly((long) RatedUsageWriter.ROWS_PER_GROUP, (long) RatedUsageWriter.ROWS_PER_GROUP, 7_465L);
            ColumnChunkMetaData startTimes = groups.get(1).getColumns().get(7);
            assertThat(startTimes.getStatistics().genericGetMin()).isEqualTo(1_714_500_000_000L + 65_536_000L);
            assertThat(startTimes.getStatistics().genericGetMax()).isEqualTo(1_714_500_000_000L + 131_071_000L);
            assertThat(groups.get(1).getColumns().get(10).getStatistics().getNumNulls()).isEqualTo(RatedUsageWriter.ROWS_PER_GROUP);
            // Names' min and max come from each group's dictionary, whose array the next group refills: they must
            // have been copied. Sources: "sw1" up to row 99 999, "смс-центр" after; the first group is all "sw1".
            ColumnChunkMetaData firstSources = groups.get(0).getColumns().get(1);
            assertThat(firstSources.getStatistics().minAsString()).isEqualTo("sw1");
            assertThat(firstSources.getStatistics().maxAsString()).isEqualTo("sw1");
            ColumnChunkMetaData lastSources = groups.get(2).getColumns().get(1);
            assertThat(lastSources.getStatistics().minAsString()).isEqualTo("смс-центр");
            assertThat(footer.readColumnIndex(firstSources).getMaxValues().get(0).array()).isEqualTo("sw1".getBytes(StandardCharsets.UTF_8));
            assertThat(groups.get(0).getColumns().get(9).getStatistics().minAsString()).isEqualTo("kense-15");
            assertThat(groups.get(0).getColumns().get(9).getStatistics().maxAsString()).isEqualTo("бизнес-100");
        }

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
             ResultSet sums = sql.executeQuery("SELECT count(*), sum(amount), count(other_party), count(destination_class),"
                     + " count(DISTINCT record_id), sum(CASE WHEN late THEN 1 ELSE 0 END), sum(CASE WHEN throttled THEN 1 ELSE 0 END),"
                     + " count(*) FILTER (WHERE plan_id = 'бизнес-100'), count(*) FILTER (WHERE source = 'смс-центр'),"
                     + " epoch_ms(max(start_time)), count(charge_code), count(*) FILTER (WHERE charge_code = 'ИНТЕРНЕТ')"
                     + " FROM read_parquet('" + file + "')")) {
            assertThat(sums.next()).isTrue();
            assertThat(sums.getLong(1)).isEqualTo(ROWS);
            assertThat(sums.getBigDecimal(2)).isEqualByComparingTo(BigDecimal.valueOf(amountSum, 4));
            assertThat(sums.getLong(3)).isEqualTo(withOtherParty);
            assertThat(sums.getLong(4)).isEqualTo(withDestination);
            assertThat(sums.getLong(5)).isEqualTo(ROWS);
            assertThat(sums.getLong(6)).isEqualTo((ROWS + 10) / 11);  // i % 11 == 0 for i in [0, ROWS)
            assertThat(sums.getLong(7)).isEqualTo((ROWS + 12) / 13);
            assertThat(sums.getLong(8)).isEqualTo(expected.stream().filter(r -> r.contains("|бизнес-100|")).count());
            assertThat(sums.getLong(9)).isEqualTo(ROWS - 100_000);
            assertThat(sums.getLong(10)).isEqualTo(1_714_500_000_000L + (ROWS - 1) * 1_000L); // TIMESTAMP(MILLIS, UTC)
            assertThat(sums.getLong(11)).isEqualTo(withCharge);
            assertThat(sums.getLong(12)).isEqualTo(expected.stream().filter(r -> r.endsWith("|ИНТЕРНЕТ")).count());
        }
    }

    private static List<String> readBack(java.nio.file.Path file, Configuration conf) throws java.io.IOException {
        List<String> read = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new Path(file.toUri())).withConf(conf).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                read.add(String.join("|", g.getString("record_id", 0), g.getString("source", 0), g.getString("account_id", 0),
                        g.getString("subscriber", 0), g.getString("service", 0), g.getString("direction", 0),
                        g.getFieldRepetitionCount("other_party") == 0 ? "null" : g.getString("other_party", 0),
                        Long.toString(g.getLong("start_time", 0)), g.getString("period", 0), g.getString("plan_id", 0),
                        g.getFieldRepetitionCount("destination_class") == 0 ? "null" : g.getString("destination_class", 0),
                        Long.toString(g.getLong("billed_units", 0)), Long.toString(g.getLong("allowance_units", 0)),
                        Long.toString(g.getLong("amount", 0)), g.getString("currency", 0), Boolean.toString(g.getBoolean("late", 0)),
                        Boolean.toString(g.getBoolean("throttled", 0)),
                        g.getFieldRepetitionCount("charge_code") == 0 ? "null" : g.getString("charge_code", 0)));
            }
        }
        return read;
    }

    private static RatedRow.Name[] names(String[] values) {
        RatedRow.Name[] names = new RatedRow.Name[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = RatedRow.Name.of(values[i]);
        }
        return names;
    }
}
