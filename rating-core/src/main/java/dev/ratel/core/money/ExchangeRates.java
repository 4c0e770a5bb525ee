package dev.ratel.core.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Effective-dated exchange rates: a rate quoted on a date holds from that date until the next
 * quote of the same pair. A usage event is converted at the rate in force on its local day.
 * Rates are exact decimals with up to {@value #RATE_DIGITS} decimals, kept as scaled longs;
 * {@link #convert} allocates nothing.
 */
public final class ExchangeRates {
    public static final int RATE_DIGITS = 6;
    private static final long RATE_SCALE = 1_000_000L;

    /** One published rate: one unit of {@code from} costs {@code rate} units of {@code to}. */
    public record Quote(LocalDate date, Currency from, Currency to, BigDecimal rate) {
    }

    private final Map<Currency, Map<Currency, long[][]>> table = new EnumMap<>(Currency.class);
    private final List<Quote> quotes;

    public ExchangeRates(List<Quote> quotes) {
        this.quotes = List.copyOf(quotes);
        Map<Currency, Map<Currency, List<Quote>>> byPair = new EnumMap<>(Currency.class);
        for (Quote quote : quotes) {
            if (quote.rate().signum() <= 0) {
                throw new IllegalArgumentException("exchange rate " + quote + " must be positive");
            }
            byPair.computeIfAbsent(quote.from(), c -> new EnumMap<>(Currency.class))
                    .computeIfAbsent(quote.to(), c -> new ArrayList<>()).add(quote);
        }
        byPair.forEach((from, targets) -> targets.forEach((to, list) -> {
            list.sort((a, b) -> a.date().compareTo(b.date()));
            long[] days = new long[list.size()];
            long[] rates = new long[list.size()];
            for (int i = 0; i < list.size(); i++) {
                days[i] = list.get(i).date().toEpochDay();
                if (i > 0 && days[i] == days[i - 1]) {
                    throw new IllegalArgumentException("two " + from + "/" + to + " rates on " + list.get(i).date());
                }
                rates[i] = list.get(i).rate().movePointRight(RATE_DIGITS).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
            }
            table.computeIfAbsent(from, c -> new EnumMap<>(Currency.class)).put(to, new long[][] {days, rates});
        }));
    }

    public static ExchangeRates none() {
        return new ExchangeRates(List.of());
    }

    public List<Quote> quotes() {
        return quotes;
    }

    /** Whether a rate of the pair is in force on the day. */
    public boolean hasRate(Currency from, Currency to, long epochDay) {
        return from == to || rateScaled(from, to, epochDay) > 0;
    }

    /**
     * Converts a scaled amount at the rate in force on the local epoch day, half-up.
     *
     * @throws IllegalStateException when no rate of the pair is in force that day
     */
    public long convert(long amountScaled, Currency from, Currency to, long epochDay) {
        if (from == to) {
            return amountScaled;
        }
        long rate = rateScaled(from, to, epochDay);
        if (rate <= 0) {
            throw new IllegalStateException("no " + from + "/" + to + " exchange rate in force on " + LocalDate.ofEpochDay(epochDay));
        }
        return Money.multiplyDivideHalfUp(amountScaled, rate, RATE_SCALE);
    }

    private long rateScaled(Currency from, Currency to, long epochDay) {
        Map<Currency, long[][]> targets = table.get(from);
        long[][] pair = targets == null ? null : targets.get(to);
        if (pair == null) {
            return 0;
        }
        int index = Arrays.binarySearch(pair[0], epochDay);
        if (index < 0) {
            index = -index - 2;
        }
        return index < 0 ? 0 : pair[1][index];
    }
}
