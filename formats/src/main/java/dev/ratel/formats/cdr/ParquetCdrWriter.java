package dev.ratel.formats.cdr;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes CDRs as Parquet in the canonical columns, typed: strings for ids, numbers and codes,
 * {@code start_time} as TIMESTAMP(MILLIS, UTC), quantities as INT64. {@link ParquetCdrReader} reads
 * it back; so do DuckDB and Spark. Values given as text (a canonical CSV row's fields) are typed
 * here; one that does not parse as its type (a start time without an offset, say) is written as
 * missing, so the reader rejects the row as the CSV reader would have rejected the line.
 */
public final class ParquetCdrWriter implements Closeable {
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message cdr {"
            + " optional binary record_id (STRING); optional binary source (STRING); optional binary service (STRING);"
            + " optional binary direction (STRING); optional binary subscriber (STRING); optional binary other_party (STRING);"
            + " optional int64 start_time (TIMESTAMP(MILLIS,true)); optional int64 duration_s; optional int64 volume_bytes;"
            + " optional int64 sms_chars; optional binary sms_encoding (STRING); }");
    private static final String[] COLUMNS = {"record_id", "source", "service", "direction", "subscriber", "other_party",
        "start_time", "duration_s", "volume_bytes", "sms_chars", "sms_encoding"};

    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);

    public ParquetCdrWriter(Path file) throws IOException {
        writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    /** Writes one row from the eleven canonical fields as text, in the contract's column order (missing: empty). */
    public void write(String[] fields) throws IOException {
        Group row = groups.newGroup();
        for (int i = 0; i < COLUMNS.length && i < fields.length; i++) {
            String text = fields[i];
            if (text == null || text.isEmpty()) {
                continue;
            }
            switch (COLUMNS[i]) {
                case "start_time": {
                    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                    long millis = Timestamps.parseOffsetMillis(bytes, 0, bytes.length);
                    if (millis != Timestamps.INVALID && millis != Timestamps.NO_OFFSET) {
                        row.add(COLUMNS[i], millis);
                    }
                    break;
                }
                case "duration_s":
                case "volume_bytes":
                case "sms_chars":
                    try {
                        row.add(COLUMNS[i], Long.parseLong(text));
                    } catch (NumberFormatException notANumber) {
                        // written as missing: the reader rejects the row
                    }
                    break;
                default:
                    row.add(COLUMNS[i], text);
            }
        }
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
