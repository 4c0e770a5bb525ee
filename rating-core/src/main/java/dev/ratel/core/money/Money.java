package dev.ratel.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money arithmetic on {@code long}.
 *
 * <p>Inside rating, amounts are <em>scaled</em> longs: {@link #SCALE} units per major currency
 * unit (1/10 000 of a tenge or rouble), so that per-second prices such as 18 KZT/60 s = 0.3 KZT
 * stay exact. Invoices work in <em>minor</em> units (tiyn, kopecks); {@link #scaledToMinorHalfUp}
 * is the one place where a scaled amount is rounded, and the tariff decides when it is called
 * (once per invoice line). No {@code double} is used anywhere.
 */
public final class Money {
    /** Scaled units per major currency unit. */
    public static final long SCALE = 10_000L;
    private static final int SCALE_DIGITS = 4;

    private Money() {
    }

    /**
     * Parses a decimal amount of major units ({@code "34990"}, {@code "3.50"}) into scaled units.
     *
     * @throws IllegalArgumentException if it is not a plain decimal or has more than four decimals
     */
    public static long parseScaled(String decimal) {
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: '" + decimal + "'");
        }
        if (value.scale() > SCALE_DIGITS && value.stripTrailingZeros().scale() > SCALE_DIGITS) {
            throw new IllegalArgumentException(
                    "amount '" + decimal + "' has more than " + SCALE_DIGITS + " decimals");
        }
        try {
            return value.movePointRight(SCALE_DIGITS).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount '" + decimal + "' is out of range");
        }
    }

    /** Scaled units for a whole number of major units. */
    public static long ofMajor(long major) {
        return Math.multiplyExact(major, SCALE);
    }

    /** Rounds a scaled amount half-up (away from zero) to whole minor units of the currency. */
    public static long scaledToMinorHalfUp(long scaled, Currency currency) {
        return divideHalfUp(scaled, currency.scaledPerMinor());
    }

    /** The minor units as scaled units. */
    public static long minorToScaled(long minor, Currency currency) {
        return Math.multiplyExact(minor, currency.scaledPerMinor());
    }

    /** Minor units as the contract's decimal string: {@code 3799000 -> "37990.00"}. */
    public static String formatMinor(long minor) {
        return BigDecimal.valueOf(minor, 2).toPlainString();
    }

    /** Scaled units as a decimal string without trailing zeros beyond two decimals. */
    public static String formatScaled(long scaled) {
        BigDecimal value = BigDecimal.valueOf(scaled, SCALE_DIGITS).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : value.toPlainString();
    }

    /** Scaled units as an exact {@link BigDecimal} of major units, for documents and ledgers. */
    public static BigDecimal scaledToDecimal(long scaled) {
        return BigDecimal.valueOf(scaled, SCALE_DIGITS);
    }

    /**
     * {@code numerator / denominator} rounded half-up, that is half away from zero, for either sign of
     * the numerator; the denominator must be positive.
     */
    public static long divideHalfUp(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        if (Math.abs(remainder) * 2 >= denominator) {
            quotient += numerator >= 0 ? 1 : -1;
        }
        return quotient;
    }

    /** {@code a * b / denominator} rounded half-up, exact in 128 bits when the product exceeds a long. */
    public static long multiplyDivideHalfUp(long a, long b, long denominator) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return divideHalfUp(low, denominator);
        }
        BigDecimal exact = BigDecimal.valueOf(a).multiply(BigDecimal.valueOf(b))
                .divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP);
        return exact.longValueExact();
    }
}
