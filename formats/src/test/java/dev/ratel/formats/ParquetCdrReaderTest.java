package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.rating.Service;
import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.ParquetCdrReader;
import dev.ratel.formats.cdr.RejectReason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetCdrReaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadParquetWithIntegerNumbersAndMicrosecondTimestampsAndRejectLikeTheCsvReader() throws IOException {
        // As another system might write it: numbers as INT64, start as TIMESTAMP(MICROS), an extra column.
        MessageType schema = MessageTypeParser.parseMessageType("message cdr { required binary record_id (STRING);"
                + " required binary service (STRING); required binary direction (STRING); required int64 subscriber;"
                + " optional int64 other_party; required int64 start_time (TIMESTAMP(MICROS,true)); optional int32 duration_s;"
                + " optional binary cell_id (STRING); }");
        Path file = dir.resolve("cdr.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        long micros = Instant.parse("2024-05-17T05:15:30.250Z").toEpochMilli() * 1000;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            writer.write(rows.newGroup().append("record_id", "p1").append("service", "VOICE").append("direction", "OUT")
                    .append("subscriber", 77051110001L).append("other_party", 77011234567L).append("start_time", micros)
                    .append("duration_s", 125).append("cell_id", "ALA-17"));
            writer.write(rows.newGroup().append("record_id", "p2").append("service", "VOICE").append("direction", "OUT")
                    .append("subscriber", 77051110001L).append("start_time", micros).append("duration_s", 5));
        }
        CdrRecord record = new CdrRecord();
        try (CdrReader reader = new ParquetCdrReader(file)) {
            assertThat(reader.next(record)).isEqualTo(CdrReader.Result.RECORD);
            assertThat(record.recordIdText()).isEqualTo("p1");
            assertThat(record.sourceText()).isEqualTo("default");
            assertThat(record.service).isEqualTo(Service.VOICE);
            assertThat(record.subscriber).isEqualTo(77051110001L);
            assertThat(record.otherParty).isEqualTo(77011234567L);
            assertThat(record.startEpochMillis).isEqualTo(Instant.parse("2024-05-17T05:15:30.250Z").toEpochMilli());
            assertThat(record.durationSeconds).isEqualTo(125);
            assertThat(record.line).isEqualTo(1);
            // Row 2 has no other party: rejected as the CSV reader would, naming the field, raw text as a CSV line.
            assertThat(reader.next(record)).isEqualTo(CdrReader.Result.REJECTED);
            assertThat(reader.rejectReason()).isEqualTo(RejectReason.MISSING_FIELD);
            assertThat(reader.rejectDetail()).isEqualTo("other_party is required for VOICE");
            assertThat(reader.line()).isEqualTo(2);
            assertThat(reader.rawText()).isEqualTo("p2,VOICE,OUT,77051110001,,2024-05-17T05:15:30.250Z,5");
            assertThat(reader.next(record)).isEqualTo(CdrReader.Result.END);
        }
    }

    @Test
    void shouldReportAFileWithADamagedPageAsDamagedNotCrashOnIt() throws IOException {
        // found by benchmarks/fuzz: one flipped byte in a page made the reader throw ParquetDecodingException
        // out of ingest. The writer's page checksums are verified: the file reads whole or is reported damaged.
        MessageType schema = MessageTypeParser.parseMessageType("message cdr { required binary record_id (STRING);"
                + " required binary service (STRING); required binary direction (STRING); required binary subscriber (STRING);"
                + " required binary other_party (STRING); required binary start_time (STRING); required binary duration_s (STRING); }");
        Path file = dir.resolve("damaged.parquet");
        SimpleGroupFactory rows = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY).build()) {
            for (int i = 0; i < 5_000; i++) {
                writer.write(rows.newGroup().append("record_id", "p" + i).append("service", "VOICE").append("direction", "OUT")
                        .append("subscriber", "77051110001").append("other_party", "770112" + (34567 + i))
                        .append("start_time", "2024-05-17T10:15:30+05:00").append("duration_s", Integer.toString(i % 600)));
            }
        }
        assertThat(ParquetCdrReader.verify(file)).isNull();
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x04;
        java.nio.file.Files.write(file, bytes);

        assertThat(ParquetCdrReader.verify(file)).isNotNull();
        CdrRecord record = new CdrRecord();
        assertThatThrownBy(() -> {
            try (CdrReader reader = new ParquetCdrReader(file)) {
                while (reader.next(record) != CdrReader.Result.END) {
                    // read to the damage
                }
            }
        }).isInstanceOf(dev.ratel.formats.cdr.DamagedFileException.class).hasMessageContaining("damaged.parquet: a page does not decode");
    }

    @Test
    void shouldStopAtAParquetFileWithoutARequiredColumn() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message cdr { required binary record_id (STRING); }");
        Path file = dir.resolve("thin.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
            writer.write(new SimpleGroupFactory(schema).newGroup().append("record_id", "x"));
        }
        assertThatThrownBy(() -> new ParquetCdrReader(file)).isInstanceOf(CdrFormatException.class)
                .hasMessageContaining("missing required column 'service'");
        assertThatThrownBy(() -> new ParquetCdrReader(java.nio.file.Files.writeString(dir.resolve("not.parquet"), "hello")))
                .isInstanceOf(CdrFormatException.class).hasMessageContaining("not a readable Parquet file");
    }
}
