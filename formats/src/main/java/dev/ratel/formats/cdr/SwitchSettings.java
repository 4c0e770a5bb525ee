package dev.ratel.formats.cdr;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How to read one switch's CDR files (Asterisk's {@code Master.csv}, FreeSWITCH's {@code mod_cdr_csv}): its zone, its
 * name, its local area and which dialplan contexts carry calls in from the network. The number forms are set per
 * switch here, so its records classify like canonical ones.
 *
 * @param zone the zone the switch writes local times in (UTC if it logs UTC)
 * @param source the name of the switch, the {@code source} of its records (duplicate detection)
 * @param localAreaPrefix international prefix added to local numbers of at most seven digits
 *     ({@code 74232} for a PBX in area code 4232), or empty to leave them as they are
 * @param inboundContexts dialplan contexts of calls coming in from the network; {@code *} matches
 *     any run of characters ({@code *-pstn}, {@code from-trunk})
 */
public record SwitchSettings(ZoneId zone, String source, String localAreaPrefix, List<String> inboundContexts) {
    /** Asterisk's usual names, and {@code public}: FreeSWITCH's stock context for calls from gateways (and Asterisk's sample one). */
    public static final List<String> DEFAULT_INBOUND_CONTEXTS = List.of("from-pstn", "from-trunk", "*-pstn", "incoming*", "inbound*", "public");

    public SwitchSettings {
        Objects.requireNonNull(zone, "zone");
        // "asterisk" stays the default: records ingested under it by earlier releases must keep their duplicate key
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
