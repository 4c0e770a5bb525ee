package dev.ratel.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * The log message with phone numbers masked at INFO and above ({@code 77051110001} becomes
 * {@code 7705*****01}): logs leave the billing host, subscribers' numbers should not. DEBUG and
 * TRACE, switched on to investigate one case, show them whole. Used as {@code %maskedMsg} in
 * {@link LogSetup}.
 */
public final class MaskedMessage extends MessageConverter {
    /** Seven to sixteen digits standing alone: a phone number in international or national form (E.164 and Ratel's 16). */
    private static final Pattern NUMBER = Pattern.compile("(?<!\\d)(\\d{4})(\\d{1,10})(\\d{2})(?!\\d)");

    @Override
    public String convert(ILoggingEvent event) {
        String message = super.convert(event);
        return event.getLevel().isGreaterOrEqual(Level.INFO) ? mask(message) : message;
    }

    static String mask(String message) {
        if (message == null) {
            return null;
        }
        return NUMBER.matcher(message).replaceAll(m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
    }
}
