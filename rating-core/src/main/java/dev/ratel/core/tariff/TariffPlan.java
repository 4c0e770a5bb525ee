package dev.ratel.core.tariff;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.money.Currency;
import dev.ratel.core.tax.PriceTaxBasis;
import dev.ratel.core.time.ZoneOffsetTable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A tariff plan: its currency, time zone, tax basis, destination classes and effective-dated
 * versions. Construction checks that versions do not overlap and that every rule names buckets,
 * rates and classes that exist, then compiles each version into a {@link RatingTable}.
 * Immutable and safe to share between threads.
 */
public final class TariffPlan {
    private final String id;
    private final String name;
    private final Currency currency;
    private final ZoneId zone;
    private final String taxJurisdiction;
    private final PriceTaxBasis taxBasis;
    private final int paymentTermDays;
    private final Seller seller;
    private final SmsSegmentation smsSegmentation;
    private final DestinationClassifier classifier;
    private final List<PlanVersion> versions;
    private final RatingTable[] tables;
    private final long[] versionStartMillis;
    private final long[] versionEndMillis;
    private final ZoneOffsetTable zoneOffsets;

    public TariffPlan(String id, String name, Currency currency, ZoneId zone, String taxJurisdiction,
                      PriceTaxBasis taxBasis, int paymentTermDays, SmsSegmentation smsSegmentation,
                      DestinationClassifier classifier, List<PlanVersion> versions) {
        this(id, name, currency, zone, taxJurisdiction, taxBasis, paymentTermDays, smsSegmentation, classifier, versions,
                Seller.unnamed(taxJurisdiction));
    }

    public TariffPlan(String id, String name, Currency currency, ZoneId zone, String taxJurisdiction,
                      PriceTaxBasis taxBasis, int paymentTermDays, SmsSegmentation smsSegmentation,
                      DestinationClassifier classifier, List<PlanVersion> versions, Seller seller) {
        this.seller = Objects.requireNonNull(seller, "seller");
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.taxJurisdiction = Objects.requireNonNull(taxJurisdiction, "taxJurisdiction");
        this.taxBasis = Objects.requireNonNull(taxBasis, "taxBasis");
        this.smsSegmentation = Objects.requireNonNull(smsSegmentation, "smsSegmentation");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (paymentTermDays < 0) {
            throw new IllegalArgumentException("plan " + id + ": the payment term may not be negative");
        }
        this.paymentTermDays = paymentTermDays;
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("plan " + id + " has no version");
        }
        List<PlanVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(PlanVersion::validFrom));
        for (int i = 1; i < sorted.size(); i++) {
            PlanVersion previous = sorted.get(i - 1);
            if (previous.validTo() == null || !previous.validTo().isBefore(sorted.get(i).validFrom())) {
                throw new IllegalArgumentException("plan " + id + ": versions from " + previous.validFrom()
                        + " and " + sorted.get(i).validFrom() + " overlap");
            }
        }
        this.versions = List.copyOf(sorted);
        this.zoneOffsets = new ZoneOffsetTable(zone);
        this.tables = new RatingTable[sorted.size()];
        this.versionStartMillis = new long[sorted.size()];
        this.versionEndMillis = new long[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            PlanVersion version = sorted.get(i);
            tables[i] = new RatingTable(this, version);
            versionStartMillis[i] = version.validFrom().atStartOfDay(zone).toInstant().toEpochMilli();
            versionEndMillis[i] = version.validTo() == null ? Long.MAX_VALUE
                    : version.validTo().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
    }

    /** Index of the version in force at the instant, or -1 when none is. Allocates nothing. */
    public int versionIndexAt(long epochMillis) {
        for (int i = versionStartMillis.length - 1; i >= 0; i--) {
            if (epochMillis >= versionStartMillis[i]) {
                return epochMillis < versionEndMillis[i] ? i : -1;
            }
        }
        return -1;
    }

    /** The version in force on a local date, or null. */
    public PlanVersion versionOn(LocalDate date) {
        for (PlanVersion version : versions) {
            if (version.inForceOn(date)) {
                return version;
            }
        }
        return null;
    }

    public RatingTable ratingTable(int versionIndex) {
        return tables[versionIndex];
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Currency currency() {
        return currency;
    }

    public ZoneId zone() {
        return zone;
    }

    public ZoneOffsetTable zoneOffsets() {
        return zoneOffsets;
    }

    public String taxJurisdiction() {
        return taxJurisdiction;
    }

    public PriceTaxBasis taxBasis() {
        return taxBasis;
    }

    public Seller seller() {
        return seller;
    }

    public int paymentTermDays() {
        return paymentTermDays;
    }

    public SmsSegmentation smsSegmentation() {
        return smsSegmentation;
    }

    public DestinationClassifier classifier() {
        return classifier;
    }

    public List<PlanVersion> versions() {
        return versions;
    }
}
