package dev.ratel.formats.cdr;

import java.io.IOException;

/** What the CSV-based readers share: the scanner, the last reject and their accessors. */
abstract class CsvCdrReader implements CdrReader {
    protected final CsvScanner scanner;
    private RejectReason rejectReason;
    private String rejectDetail;

    protected CsvCdrReader(CsvScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public final Result next(CdrRecord record) throws IOException {
        if (!scanner.next()) {
            return Result.END;
        }
        record.clear();
        record.line = scanner.line();
        if (scanner.malformedReason() != null) {
            return reject(RejectReason.MALFORMED_ROW, scanner.malformedReason());
        }
        return map(record);
    }

    /** Maps the current row, split into fields, onto the record, or rejects it. */
    protected abstract Result map(CdrRecord record);

    /** Records why the current record is rejected and returns {@link Result#REJECTED}. */
    protected final Result reject(RejectReason reason, String detail) {
        rejectReason = reason;
        rejectDetail = detail;
        return Result.REJECTED;
    }

    @Override
    public final RejectReason rejectReason() {
        return rejectReason;
    }

    @Override
    public final String rejectDetail() {
        return rejectDetail;
    }

    @Override
    public final long line() {
        return scanner.line();
    }

    @Override
    public final String rawText() {
        return scanner.rawText();
    }

    @Override
    public final void close() throws IOException {
        scanner.close();
    }

    /**
     * The field as a number in international form, or -1 where it is none: the national forms switches in Russia and
     * Kazakhstan write (country code 7) are made international. A number after {@code +} is international as it is; {@code 810} and a number lose the
     * {@code 810} (the international prefix); {@code 8} and ten digits become {@code 7} and the ten digits (the trunk
     * prefix); ten digits gain the {@code 7}; a local number of at most seven digits gains {@code localPrefix} (the
     * switch's country and area code, {@code 74232}) when one is set; anything else is taken as international already.
     */
    protected final long internationalNumber(int field, byte[] localPrefix) {
        byte[] d = scanner.data();
        int start = scanner.start(field);
        int end = scanner.end(field);
        boolean plus = start < end && d[start] == '+';
        if (plus) {
            start++;
        }
        int length = end - start;
        long digits = Digits.parse(d, start, end);
        if (digits <= 0) {
            return -1;
        }
        if (plus) {
            return digits; // written in international form: +85221234567 is Hong Kong, never 8 + ten digits
        }
        if (length > 3 && d[start] == '8' && d[start + 1] == '1' && d[start + 2] == '0') {
            return Digits.parse(d, start + 3, end);
        }
        if (length == 11 && d[start] == '8') {
            return 70_000_000_000L + digits % 10_000_000_000L;
        }
        if (length == 10) {
            return 70_000_000_000L + digits;
        }
        if (length <= 7 && localPrefix.length > 0) {
            long prefix = Digits.parse(localPrefix, 0, localPrefix.length);
            long scale = 1;
            for (int i = 0; i < length; i++) {
                scale *= 10;
            }
            return prefix * scale + digits;
        }
        return digits;
    }
}
