package dev.ratel.core.account;

import dev.ratel.core.charge.NumberHolding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places a number held over dates onto the subscriptions that hold it: the one it names, or the
 * account-wide ones in force, one after another (a plan change of the account splits the holding in
 * two). Days no subscription covers are reported by the caller, never rated.
 */
public final class Placement {
    /** The days {@code [from, to]} of a holding that one subscription covers; {@code to} null = open. */
    public record Span(Subscription subscription, LocalDate from, LocalDate to) {
    }

    private Placement() {
    }

    /** The parts of {@code [from, to]} each of {@code candidates} covers, by date. */
    public static List<Span> spans(LocalDate from, LocalDate to, List<Subscription> candidates) {
        List<Span> spans = new ArrayList<>();
        for (Subscription subscription : candidates) {
            LocalDate start = subscription.from().isAfter(from) ? subscription.from() : from;
            LocalDate end = earlier(to, subscription.to());
            if (end == null || !end.isBefore(start)) {
                spans.add(new Span(subscription, start, end));
            }
        }
        spans.sort(Comparator.comparing(Span::from));
        return spans;
    }

    /**
     * The first day of {@code [from, to]} no span covers, or null when they cover it all. Spans must be by date
     * and not overlap.
     */
    public static LocalDate firstUncovered(LocalDate from, LocalDate to, List<Span> spans) {
        LocalDate next = from;
        for (Span span : spans) {
            if (span.from().isAfter(next)) {
                return next;
            }
            if (span.to() == null) {
                return null;
            }
            next = span.to().plusDays(1);
        }
        return to != null && next.isAfter(to) ? null : next;
    }

    /** The holdings of one number with {@link NumberHolding#continuesEarlier()} set where the one before ended the day before. */
    public static List<NumberHolding> markContinuations(List<NumberHolding> ofOneNumber) {
        List<NumberHolding> sorted = new ArrayList<>(ofOneNumber);
        sorted.sort(Comparator.comparing(NumberHolding::activeFrom));
        List<NumberHolding> marked = new ArrayList<>(sorted.size());
        LocalDate previousEnd = null;
        for (NumberHolding holding : sorted) {
            boolean continues = previousEnd != null && previousEnd.plusDays(1).equals(holding.activeFrom());
            marked.add(continues == holding.continuesEarlier() ? holding
                    : holding.on(holding.accountId(), holding.subscriptionId(), holding.activeFrom(), holding.activeTo(), continues));
            previousEnd = holding.activeTo();
        }
        return marked;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
