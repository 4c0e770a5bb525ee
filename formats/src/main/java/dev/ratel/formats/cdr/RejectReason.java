package dev.ratel.formats.cdr;

/**
 * Why an input record was not accepted. The name is what {@code rejects.csv} carries; the usage journal
 * keeps a fixed code of each ({@code JournalLayout}), so constants may be added in any place.
 */
public enum RejectReason {
    MALFORMED_ROW("the row cannot be split into fields"),
    MISSING_FIELD("a required field is empty"),
    BAD_FIELD("a field does not have the expected form"),
    BAD_NUMBER("a phone number is not digits in international form"),
    BAD_DURATION("the duration or volume is negative or absurd"),
    BAD_TIMESTAMP("the timestamp does not parse or lies before 2000-01-01"),
    FUTURE_TIMESTAMP("the timestamp lies in the future beyond the tolerance"),
    UNKNOWN_SERVICE("the service is not VOICE, SMS or DATA"),
    NOT_BILLABLE("the record is not usage (an unanswered or failed call)"),
    RECORD_ID_TOO_LONG("the record id or source is longer than 64 bytes"),
    CORRUPT_FILE("the compressed file is truncated or damaged; none of its records were taken"),
    BAD_TEXT("the record id or source is not UTF-8 text or holds a control character");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
