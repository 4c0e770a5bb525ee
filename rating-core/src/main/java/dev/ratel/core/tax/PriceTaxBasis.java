package dev.ratel.core.tax;

/**
 * How a plan's list prices relate to tax, and so how an invoice line's net, tax and gross are
 * derived from them. Rounding to minor units happens once per line, inside {@link LineTax}.
 */
public enum PriceTaxBasis {
    /** Prices exclude tax: net = quantity x price; tax = net x rate; gross = net + tax. */
    EXCLUDES_TAX,
    /**
     * Prices include tax, split per unit (the Cloud PBX seed): unit net = price / (1 + rate)
     * half-up to minor units; net = unit net x quantity; tax = net x rate half-up; gross = net + tax,
     * which may differ from the list price by a minor unit.
     */
    INCLUDES_TAX_PER_UNIT,
    /**
     * Prices include tax, split per line: gross = quantity x price; net = gross / (1 + rate) half-up;
     * tax = gross - net, so the customer pays exactly the price list.
     */
    INCLUDES_TAX_PER_LINE
}
