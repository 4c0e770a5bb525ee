package dev.ratel.formats.cdr;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How to read one Asterisk switch's {@code Master.csv}.
 *
 * @param zone the zone the switch writes local times in (UTC if it logs UTC)
 * @param source the name of the switch, the {@code source} of its records (duplicate detection)
 * @param localAreaPrefix international prefix added to local numbers of at most seven digits
 *     ({@code 74232} for a PBX in area code 4232), or empty to leave them as they are
 * @param inboundContexts dialplan contexts of calls coming in from the network; {@code *} matches
 *     any run of characters ({@code *-pstn}, {@code from-trunk})
 */
public record AsteriskSettings(ZoneId zone, String source, String localAreaPrefix, List<String> inboundContexts) {
    public static final List<String> DEFAULT_INBOUND_CONTEXTS = List.of("from-pstn", "from-trunk", "*-pstn", "incoming*", "inbound*");

    public AsteriskSettings {
        Objects.requireNonNull(zone, "zone");
        source = source == null || source.isBlank() ? "asterisk" : source;
        localAreaPrefix = localAreaPrefix == null ? "" : localAreaPrefix;
        if (!localAreaPrefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("the local area prefix must be digits, such as 74232");
        }
        inboundContexts = List.copyOf(inboundContexts == null ? DEFAULT_INBOUND_CONTEXTS : inboundContexts);
    }

    boolean isInbound(String context) {
        for (String pattern : inboundContexts) {
            if (context.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q"))) {
                return true;
            }
        }
        return false;
    }
}
