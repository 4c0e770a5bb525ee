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

    /** The field as a number in international form, or -1 where it is none: {@link NumberForms#international}. */
    protected final long internationalNumber(int field, byte[] localPrefix) {
        return NumberForms.international(scanner.data(), scanner.start(field), scanner.end(field), localPrefix);
    }
}
