package dev.ratel.bench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** The damage the fuzz harnesses do to a valid line: tokens and bytes a hostile or broken source sends, and one mutation. */
final class Mutations {
    static final String[] HOSTILE = {
        ",", "\"", "\"\"", "\n", "\r\n", "\r", "\u0000", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+7701", "-1", "0", "9".repeat(40),
        "18446744073709551616", "1e308", "NaN", "", " ", "\t", "\uFEFF", "\uD83D\uDCDE", "x".repeat(70_000), "2024-02-30T25:61:61+99:99",
        "1969-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z", "2024-05-17T10:15:30", "2024-05-17T10:15+05:00", "VOICE", "DATA", "SMS",
        "OUT", "IN", "FWD", "UCS2", "GSM7", "\u00ff\u00fe", "../../etc/passwd", "%s%n", "NULL", "\\N",
    };
    static final byte[][] HOSTILE_BYTES = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xD0}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC2, (byte) 0x85}, {0x7F}, {0x1B, '[', '2', 'J'}};

    private Mutations() {
    }

    /** One mutation of a valid row. */
    static byte[] mutate(byte[] row, SplittableRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(row.length + 16);
        int at = random.nextInt(row.length + 1);
        switch (random.nextInt(9)) {
            case 0 -> { // a byte flipped
                byte[] copy = row.clone();
                if (copy.length > 0) {
                    copy[Math.min(at, copy.length - 1)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
            case 1 -> { // a range dropped
                int end = Math.min(row.length, at + 1 + random.nextInt(12));
                out.write(row, 0, at);
                out.write(row, end, row.length - end);
            }
            case 2 -> { // a range repeated
                int end = Math.min(row.length, at + 1 + random.nextInt(12));
                out.write(row, 0, end);
                out.write(row, at, row.length - at);
            }
            case 3 -> { // a hostile token inserted
                out.write(row, 0, at);
                out.writeBytes(HOSTILE[random.nextInt(HOSTILE.length)].getBytes(StandardCharsets.UTF_8));
                out.write(row, at, row.length - at);
            }
            case 4 -> { // bytes that are not UTF-8 inserted
                out.write(row, 0, at);
                out.writeBytes(HOSTILE_BYTES[random.nextInt(HOSTILE_BYTES.length)]);
                out.write(row, at, row.length - at);
            }
            case 5, 6 -> { // a field replaced by a hostile token
                String[] fields = new String(row, StandardCharsets.UTF_8).split(",", -1);
                fields[random.nextInt(fields.length)] = HOSTILE[random.nextInt(HOSTILE.length)];
                return String.join(",", fields).getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> { // two fields swapped
                String[] fields = new String(row, StandardCharsets.UTF_8).split(",", -1);
                int a = random.nextInt(fields.length);
                int b = random.nextInt(fields.length);
                String kept = fields[a];
                fields[a] = fields[b];
                fields[b] = kept;
                return String.join(",", fields).getBytes(StandardCharsets.UTF_8);
            }
            default -> { // cut short, or a field more
                if (random.nextBoolean()) {
                    out.write(row, 0, at);
                } else {
                    out.writeBytes(row);
                    out.writeBytes(",extra".getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return out.toByteArray();
    }
}
