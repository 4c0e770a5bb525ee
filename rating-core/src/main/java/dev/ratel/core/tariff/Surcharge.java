package dev.ratel.core.tariff;

import java.util.Objects;

/**
 * A percentage a plan adds on top of its charges, as a line of its own: the Cloud PBX price list's
 * «надбавка к тарифам в размере 1,2 %», which its prices do not include. {@code basisPoints} are
 * hundredths of a percent (1.2 % = 120). The line's net is that share of the net of every other line of
 * the plan on the invoice (fees, usage, adjustments, a minimum top-up), rounded half-up once to kopecks
 * or tiyn; it is taxed like any other line.
 */
public record Surcharge(String code, String description, int basisPoints) {
    public Surcharge {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        if (basisPoints <= 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("surcharge " + code + ": the percentage must be above 0 and at most 100");
        }
    }
}
