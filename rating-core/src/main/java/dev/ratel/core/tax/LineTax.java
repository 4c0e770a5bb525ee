package dev.ratel.core.tax;

import dev.ratel.core.money.Currency;
import dev.ratel.core.money.Money;

/**
 * Computes an invoice line's net, tax and gross from list prices, rounding once, half-up, to the
 * currency's minor unit by the plan's {@link PriceTaxBasis}.
 */
public final class LineTax {
    private static final long BASIS_POINTS = 10_000L;

    private LineTax() {
    }

    /**
     * A line of {@code quantity} units at {@code unitPriceScaled}, charged for the fraction
     * {@code shareNumerator / shareDenominator} of the period (1/1 for a full period; days charged /
     * days in the month for daily pro-rata, applied to the net amount as the Cloud PBX seed says).
     */
    public static LineAmounts priced(long quantity, long unitPriceScaled, long shareNumerator, long shareDenominator,
                                     int taxBasisPoints, PriceTaxBasis basis, Currency currency) {
        if (shareDenominator <= 0 || shareNumerator < 0 || shareNumerator > shareDenominator) {
            throw new IllegalArgumentException("share " + shareNumerator + "/" + shareDenominator + " is not a fraction of 0..1");
        }
        long perMinor = currency.scaledPerMinor();
        switch (basis) {
            case INCLUDES_TAX_PER_UNIT: {
                long unitNetMinor = Money.multiplyDivideHalfUp(unitPriceScaled, BASIS_POINTS, (BASIS_POINTS + taxBasisPoints) * perMinor);
                long net = Money.multiplyDivideHalfUp(Math.multiplyExact(unitNetMinor, quantity), shareNumerator, shareDenominator);
                long tax = Money.multiplyDivideHalfUp(net, taxBasisPoints, BASIS_POINTS);
                return new LineAmounts(net, tax, net + tax);
            }
            case INCLUDES_TAX_PER_LINE: {
                long grossScaled = Money.multiplyDivideHalfUp(Math.multiplyExact(unitPriceScaled, quantity), shareNumerator, shareDenominator);
                return fromGrossScaled(grossScaled, taxBasisPoints, currency);
            }
            case EXCLUDES_TAX: {
                long netScaled = Money.multiplyDivideHalfUp(Math.multiplyExact(unitPriceScaled, quantity), shareNumerator, shareDenominator);
                return fromNetScaled(netScaled, taxBasisPoints, currency);
            }
            default:
                throw new IllegalStateException(basis.name());
        }
    }

    /**
     * A line whose amount was summed from rated events (scaled, in the plan's price basis), as for
     * usage above the allowances. Per-unit splitting needs a unit price, so under
     * {@link PriceTaxBasis#INCLUDES_TAX_PER_UNIT} a summed amount is split per line.
     */
    public static LineAmounts summed(long amountScaled, int taxBasisPoints, PriceTaxBasis basis, Currency currency) {
        return basis == PriceTaxBasis.EXCLUDES_TAX
                ? fromNetScaled(amountScaled, taxBasisPoints, currency)
                : fromGrossScaled(amountScaled, taxBasisPoints, currency);
    }

    private static LineAmounts fromGrossScaled(long grossScaled, int taxBasisPoints, Currency currency) {
        long gross = Money.scaledToMinorHalfUp(grossScaled, currency);
        long net = Money.multiplyDivideHalfUp(gross, BASIS_POINTS, BASIS_POINTS + taxBasisPoints);
        return new LineAmounts(net, gross - net, gross);
    }

    private static LineAmounts fromNetScaled(long netScaled, int taxBasisPoints, Currency currency) {
        long net = Money.scaledToMinorHalfUp(netScaled, currency);
        long tax = Money.multiplyDivideHalfUp(net, taxBasisPoints, BASIS_POINTS);
        return new LineAmounts(net, tax, net + tax);
    }
}
