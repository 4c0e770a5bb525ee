package dev.ratel.jobs.batch;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The job repository URLs Ratel accepts, and how they appear in messages. A JDBC URL is code as much
 * as an address: H2 runs {@code INIT=RUNSCRIPT FROM '...'} and writes wherever {@code TRACE_LEVEL_FILE}
 * points, and the PostgreSQL driver instantiates the classes {@code socketFactory} or
 * {@code sslfactory} names. So only two forms are taken, each with the settings listed here and no
 * other:
 *
 * <ul>
 *   <li>{@code jdbc:postgresql://HOST[:PORT]/DATABASE[?KEY=VALUE&...]} with {@link #POSTGRESQL_KEYS};</li>
 *   <li>{@code jdbc:h2:[mem:|file:|tcp://|ssl://]PATH[;KEY=VALUE...]} with {@link #H2_KEYS}, each value of the
 *       form {@link #H2_VALUES} gives: H2 applies a setting as {@code SET KEY VALUE}, and a value such as
 *       {@code LOCK_TIMEOUT=FILE_WRITE(...)} is SQL it runs.</li>
 * </ul>
 *
 * A password never appears in a message: {@link #masked} hides it wherever a URL is quoted.
 */
public final class JdbcUrls {
    /** PostgreSQL driver settings that address, authenticate, encrypt or time out, and nothing that loads a class or writes a file. */
    public static final Set<String> POSTGRESQL_KEYS = keys("user", "password", "ssl", "sslmode", "sslrootcert", "sslcert", "sslkey",
            "currentSchema", "ApplicationName", "connectTimeout", "socketTimeout", "loginTimeout", "tcpKeepAlive",
            "targetServerType", "gssEncMode", "reWriteBatchedInserts", "prepareThreshold");
    /** H2 settings that shape an embedded or server database, and nothing that runs SQL or opens other files. */
    public static final Set<String> H2_KEYS = keys("USER", "PASSWORD", "DB_CLOSE_ON_EXIT", "DB_CLOSE_DELAY", "AUTO_SERVER",
            "AUTO_SERVER_PORT", "LOCK_TIMEOUT", "CACHE_SIZE", "IFEXISTS", "MODE");

    /** The only values each H2 setting takes: numbers, TRUE or FALSE, a name; never an expression. */
    public static final java.util.Map<String, ValueShape> H2_VALUES = java.util.Map.of(
            "USER", new ValueShape("[A-Za-z0-9_.-]{1,64}", "a user name of letters, digits, '.', '_' and '-'"),
            "PASSWORD", new ValueShape("[^;]*", "any text"), // a connection property H2 compares, never runs
            "DB_CLOSE_ON_EXIT", new ValueShape("(?i)TRUE|FALSE", "TRUE or FALSE"),
            "IFEXISTS", new ValueShape("(?i)TRUE|FALSE", "TRUE or FALSE"),
            "AUTO_SERVER", new ValueShape("(?i)TRUE|FALSE", "TRUE or FALSE"),
            "DB_CLOSE_DELAY", new ValueShape("-?[0-9]{1,9}", "a whole number of seconds, -1 to keep it open"),
            "LOCK_TIMEOUT", new ValueShape("[0-9]{1,9}", "a whole number of milliseconds"),
            "CACHE_SIZE", new ValueShape("[0-9]{1,9}", "a whole number of KiB"),
            "AUTO_SERVER_PORT", new ValueShape("[0-9]{1,5}", "a port number"),
            "MODE", new ValueShape("[A-Za-z0-9]{1,20}", "a compatibility mode's name, such as PostgreSQL"));

    /** The values a setting takes, as a pattern and in words for the message that refuses another. */
    public record ValueShape(Pattern pattern, String words) {
        ValueShape(String pattern, String words) {
            this(Pattern.compile(pattern), words);
        }
    }

    /** An H2 database: in memory, a file path, or a server; not zip:, nio:, split: or another file system H2 knows. */
    // no ':' in a path but a Windows drive's: "file:zip:…", "tcp://h/split:…" would reach another of H2's file systems
    private static final Pattern H2_DATABASE = Pattern.compile("(?i)jdbc:h2:(mem:[A-Za-z0-9_.-]*|file:(?:[A-Za-z]:)?[^;:]+"
            + "|(?:tcp|ssl)://[^;/:]+(?::[0-9]{1,5})?/(?:[A-Za-z]:)?[^;:]+|[./~][^;:]*|[A-Za-z]:[\\\\/][^;:]*)");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)(?:\\\\;|[^;&\\s'\"])*");
    // the user-info of an address, up to its last '@' before any query: a password may hold '/' or '@'
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*:)[^\\s?]*@");

    private JdbcUrls() {
    }

    /** Refuses a URL of another database, or with a setting not listed, naming the setting and what is allowed. */
    public static void check(String url) throws IOException {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            int query = url.indexOf('?');
            if (USER_INFO.matcher(url).find()) {
                throw refused(url, "a password inside the address (//user:password@host)", "give it with --jdbc-password or RATEL_JDBC_PASSWORD");
            }
            if (query >= 0) {
                for (String pair : url.substring(query + 1).split("&")) {
                    checkKey(url, pair, POSTGRESQL_KEYS, false);
                }
            }
        } else if (lower.startsWith("jdbc:h2:")) {
            String[] parts = url.split(";");
            if (!H2_DATABASE.matcher(parts[0]).matches()) {
                throw refused(url, "the database '" + parts[0] + "'", "name an H2 database as mem:NAME, file:PATH, a path, tcp://HOST/PATH"
                        + " or ssl://HOST/PATH");
            }
            for (int i = 1; i < parts.length; i++) {
                checkKey(url, parts[i], H2_KEYS, true);
                if (!parts[i].isBlank()) {
                    String[] pair = parts[i].split("=", 2);
                    String key = pair[0].trim().toUpperCase(Locale.ROOT);
                    String value = pair.length > 1 ? pair[1].trim() : "";
                    ValueShape shape = H2_VALUES.get(key);
                    if (!shape.pattern().matcher(value).matches()) {
                        throw refused(url, "the value of " + key, "give " + key + " " + shape.words()
                                + " (H2 runs a setting's value as SQL, so nothing else is taken)");
                    }
                }
            }
        } else {
            throw refused(url, "a database Ratel does not keep its job repository in",
                    "use jdbc:postgresql://HOST/DATABASE, or leave --jdbc-url out for the H2 file under the home");
        }
    }

    private static void checkKey(String url, String pair, Set<String> allowed, boolean ignoreCase) throws IOException {
        if (pair.isBlank()) {
            return;
        }
        String key = pair.split("=", 2)[0].trim();
        boolean known = ignoreCase ? allowed.contains(key.toUpperCase(Locale.ROOT))
                : allowed.stream().anyMatch(k -> k.equalsIgnoreCase(key));
        if (!known) {
            throw refused(url, "the setting '" + key + "'", "Ratel accepts only " + String.join(", ", allowed)
                    + " (settings that run SQL, load classes or write files are refused)");
        }
    }

    private static IOException refused(String url, String what, String fix) {
        return new IOException("refused job repository URL " + masked(url) + ": " + what + " is not accepted; " + fix);
    }

    /** The text with every {@code password=...} value and {@code //user:password@} replaced by {@code ***}. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        String hidden = PASSWORD.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(hidden).replaceAll("$1***@");
    }

    private static Set<String> keys(String... keys) {
        return java.util.Collections.unmodifiableSet(new TreeSet<>(java.util.List.of(keys)));
    }
}
