package dev.ratel.core.money;

/**
 * The currencies Ratel bills in. Each has two minor digits (tiyn, kopeck, cent).
 */
public enum Currency {
    KZT("тенге", "тиын"),
    RUB("рублей", "копеек"),
    USD("долларов США", "центов"),
    EUR("евро", "евроцентов");

    private final String majorNameRu;
    private final String minorNameRu;

    Currency(String majorNameRu, String minorNameRu) {
        this.majorNameRu = majorNameRu;
        this.minorNameRu = minorNameRu;
    }

    /** Minor units per major unit: 100 for every supported currency. */
    public long minorPerMajor() {
        return 100;
    }

    /** Scaled units ({@link Money#SCALE} per major unit) in one minor unit. */
    public long scaledPerMinor() {
        return Money.SCALE / minorPerMajor();
    }

    public String majorNameRu() {
        return majorNameRu;
    }

    public String minorNameRu() {
        return minorNameRu;
    }

    /** The currency for an ISO code; accepts RUR, the code the seeds' banner still uses, as RUB. */
    public static Currency fromCode(String code) {
        if ("RUR".equals(code)) {
            return RUB;
        }
        return valueOf(code);
    }
}
