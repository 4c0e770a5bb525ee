package dev.ratel.formats.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads CDRs from a Parquet file with the canonical columns (by name; others are ignored), so
 * other systems can hand over columnar files. Accepted column types:
 *
 * <pre>
 * record_id, source, service, direction, sms_encoding   string (BINARY, UTF8)
 * subscriber, other_party                             string of digits, or INT64
 * start_time                                          TIMESTAMP (INT64, millis, micros or nanos, UTC) or an ISO-8601 string
 * duration_s, volume_bytes, sms_chars                 INT32 or INT64 (or a string of digits)
 * </pre>
 *
 * Each row is rendered as a line of the canonical CSV and checked by {@link CanonicalCsvReader},
 * so both formats accept and reject exactly the same records; the reject's raw text is that line
 * and its line number is the row number (1-based). Parquet is read a row group at a time.
 */
public final class ParquetCdrReader implements CdrReader {
    private static final List<String> COLUMNS = List.of("record_id", "source", "service", "direction", "subscriber",
            "other_party", "start_time", "duration_s", "volume_bytes", "sms_chars", "sms_encoding");

    private final CanonicalCsvReader csv;

    public ParquetCdrReader(Path file) throws IOException {
        InputFile input = new LocalInputFile(file);
        MessageType schema;
        try (ParquetFileReader footer = ParquetFileReader.open(input)) {
            schema = footer.getFooter().getFileMetaData().getSchema();
        } catch (RuntimeException | IOException e) {
            throw new CdrFormatException(file + ": not a readable Parquet file (" + e.getMessage() + ")");
        }
        List<String> present = new ArrayList<>();
        for (String column : COLUMNS) {
            if (schema.containsField(column)) {
                Type type = schema.getType(column);
                if (!type.isPrimitive()) {
                    throw new CdrFormatException(file + ": column '" + column + "' must be a plain value, not a group");
                }
                present.add(column);
            }
        }
        ParquetReader<Group> rows = new GroupReaderBuilder(input).usePageChecksumVerification(true).build();
        csv = new CanonicalCsvReader(new RowsAsCsv(rows, schema, present, file), file.toString());
    }

    /**
     * Reads every row of the file, every page's checksum verified where the writer wrote one: null when the
     * whole file decodes, else what is damaged. A damaged page can decode into values that still parse, so
     * ingest takes a Parquet file whole or not at all, as a compressed one.
     */
    public static String verify(Path file) throws IOException {
        try (ParquetReader<Group> rows = new GroupReaderBuilder(new LocalInputFile(file)).usePageChecksumVerification(true).build()) {
            while (rows.read() != null) {
                // decoding is the check
            }
            return null;
        } catch (RuntimeException | IOException damaged) {
            return damaged.getClass().getSimpleName() + ": " + damaged.getMessage();
        }
    }

    @Override
    public Result next(CdrRecord record) throws IOException {
        Result result = csv.next(record);
        record.line = csv.line() - 1;
        return result;
    }

    @Override
    public RejectReason rejectReason() {
        return csv.rejectReason();
    }

    @Override
    public String rejectDetail() {
        return csv.rejectDetail();
    }

    @Override
    public String rejectedRecordId() {
        return csv.rejectedRecordId();
    }

    @Override
    public long line() {
        return csv.line() - 1;
    }

    @Override
    public String rawText() {
        return csv.rawText();
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    /** The rows as canonical CSV text: a header, then a line a row. */
    private static final class RowsAsCsv extends InputStream {
        private final Path file;
        private final ParquetReader<Group> rows;
        private final MessageType schema;
        private final List<String> columns;
        private final StringBuilder line = new StringBuilder(256);
        private byte[] chunk;
        private int position;
        private boolean ended;

        RowsAsCsv(ParquetReader<Group> rows, MessageType schema, List<String> columns, Path file) {
            this.file = file;
            this.rows = rows;
            this.schema = schema;
            this.columns = columns;
            this.chunk = (String.join(",", columns) + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == chunk.length) {
                if (ended || !nextRow()) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean nextRow() throws IOException {
            Group row;
            try {
                row = rows.read();
            } catch (RuntimeException damaged) {
                // ParquetDecodingException and what a damaged page makes the decoders throw
                throw new DamagedFileException(file + ": a page does not decode: " + damaged.getMessage(), damaged);
            }
            if (row == null) {
                return false;
            }
            line.setLength(0);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                appendValue(row, columns.get(i));
            }
            line.append('\n');
            chunk = line.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }

        private void appendValue(Group row, String column) {
            int field = schema.getFieldIndex(column);
            if (row.getFieldRepetitionCount(field) == 0) {
                return;
            }
            PrimitiveType type = schema.getType(field).asPrimitiveType();
            String text;
            switch (type.getPrimitiveTypeName()) {
                case INT64: {
                    long value = row.getLong(field, 0);
                    text = type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                            ? instant(value, ((LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getUnit())
                            : Long.toString(value);
                    break;
                }
                case INT32:
                    text = Integer.toString(row.getInteger(field, 0));
                    break;
                case BINARY:
                case FIXED_LEN_BYTE_ARRAY:
                    text = row.getString(field, 0);
                    break;
                default:
                    text = row.getValueToString(field, 0);
            }
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                line.append('"').append(text.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ')).append('"');
            } else {
                line.append(text);
            }
        }

        private static String instant(long value, LogicalTypeAnnotation.TimeUnit unit) {
            switch (unit) {
                case MILLIS: return Instant.ofEpochMilli(value).toString();
                case MICROS: return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000).toString();
                default: return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L)).toString();
            }
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
