package dev.ratel.formats.reference;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reference data that cannot be used: names the file, the line and what is wrong. */
public final class ReferenceDataException extends Exception {
    private final transient Path file;
    private final int line;

    public ReferenceDataException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    /**
     * A file that stops being readable text or CSV: the line of its first byte that is not UTF-8, of a
     * quote never closed or of text after a closing quote, each with its fix; else the reader's own words.
     */
    public static ReferenceDataException unreadable(Path file, long line, Exception e) {
        TextFileProblem.Located notText = TextFileProblem.notUtf8(file, e);
        if (notText != null) {
            return new ReferenceDataException(file, (int) notText.line(), notText.message());
        }
        Throwable cause = e;
        while (cause.getCause() != null && (cause instanceof java.io.UncheckedIOException || cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        String words = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Matcher open = QUOTE_NEVER_CLOSED.matcher(words);
        if (open.find()) {
            return new ReferenceDataException(file, lineNumber(open.group(1)), "a quoted value starts on this line and is never closed;"
                    + " add the closing \" or remove the opening one");
        }
        Matcher after = TEXT_AFTER_QUOTE.matcher(words);
        if (after.find()) {
            return new ReferenceDataException(file, lineNumber(after.group(1)), "text follows a closing quote; quote the whole value"
                    + " and double each \" inside it");
        }
        return new ReferenceDataException(file, (int) Math.max(line, 1), "cannot be read as CSV: " + words);
    }

    // the CSV reader's words (commons-csv Lexer), its numbers grouped as "1,234" in some locales
    private static final Pattern QUOTE_NEVER_CLOSED = Pattern.compile("\\(startline ([\\d,.\\s\u00a0\u202f]+)\\) EOF reached before encapsulated");
    private static final Pattern TEXT_AFTER_QUOTE = Pattern.compile("between encapsulated token and delimiter at line: ([\\d,.\\s\u00a0\u202f]+),");

    private static int lineNumber(String grouped) {
        String digits = grouped.replaceAll("\\D", "");
        return digits.isEmpty() || digits.length() > 9 ? 1 : Math.max(1, Integer.parseInt(digits));
    }

    /**
     * A header the CSV reader refuses (a column without a name, a name twice), said as the fix:
     * {@code columns} are the names the file needs.
     */
    public static ReferenceDataException badHeader(Path file, IllegalArgumentException e, String... columns) {
        String why = e.getMessage() == null ? "" : e.getMessage();
        String what = why.contains("missing") ? "a column of the header has no name"
                : why.contains("duplicate") ? "a column name appears twice in the header" : "the header cannot be read";
        return new ReferenceDataException(file, 1, what + "; name each column once: " + String.join(", ", columns));
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
