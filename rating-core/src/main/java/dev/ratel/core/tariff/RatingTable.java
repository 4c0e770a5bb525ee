package dev.ratel.core.tariff;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Service;
import dev.ratel.core.time.CivilDates;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A plan version compiled for the rater: rules indexed by service, direction, number kind and
 * destination class in one array, so finding the rule of an event is one array read; buckets,
 * rates and increments in parallel arrays. Built once per version at load time.
 */
public final class RatingTable {
    /** The most buckets one rule may draw on. */
    public static final int MAX_BUCKETS_PER_RULE = 8;
    public static final int NO_RULE = -1;
    private static final int DIRECTIONS = Direction.values().length;
    private static final int NUMBER_KINDS = NumberKind.values().length;

    private final TariffPlan plan;
    private final PlanVersion version;
    private final int classSlots;
    private final short[] ruleByEvent;
    private final ChargingIncrement[] increments;
    private final int[] ruleRate;
    private final WhenExhausted[] ruleExhausted;
    private final int[][] ruleUnitBuckets;
    private final int[][] ruleMoneyBuckets;
    private final Rate[] rates;
    private final AllowanceBucket[] buckets;
    private final boolean[][] bucketGrantedToKind;
    private final long[] holidayEpochDays;
    private final int sameAccountClass;

    RatingTable(TariffPlan plan, PlanVersion version) {
        this.plan = plan;
        this.version = version;
        DestinationClassifier classifier = plan.classifier();
        String where = "plan " + plan.id() + " version from " + version.validFrom() + ": ";
        this.rates = version.rates().toArray(new Rate[0]);
        this.buckets = version.buckets().toArray(new AllowanceBucket[0]);
        for (int i = 0; i < rates.length; i++) {
            if (version.rateIndex(rates[i].id()) != i) {
                throw new IllegalArgumentException(where + "rate " + rates[i].id() + " is defined twice");
            }
        }
        this.bucketGrantedToKind = new boolean[buckets.length][NumberKind.values().length];
        for (int i = 0; i < buckets.length; i++) {
            if (version.bucketIndex(buckets[i].id()) != i) {
                throw new IllegalArgumentException(where + "allowance " + buckets[i].id() + " is defined twice");
            }
            for (NumberKind kind : buckets[i].numberKinds()) {
                bucketGrantedToKind[i][kind.ordinal()] = true;
            }
        }
        int ruleCount = version.rules().size();
        if (ruleCount > Short.MAX_VALUE) {
            throw new IllegalArgumentException(where + "too many rules");
        }
        this.increments = new ChargingIncrement[ruleCount];
        this.ruleRate = new int[ruleCount];
        this.ruleExhausted = new WhenExhausted[ruleCount];
        this.ruleUnitBuckets = new int[ruleCount][];
        this.ruleMoneyBuckets = new int[ruleCount][];
        this.classSlots = classifier.classCount() + 1;
        int services = Service.values().length;
        int directions = Direction.values().length;
        int kinds = NumberKind.values().length;
        this.ruleByEvent = new short[services * directions * kinds * classSlots];
        Arrays.fill(ruleByEvent, (short) NO_RULE);
        for (int r = ruleCount - 1; r >= 0; r--) {
            UsageRule rule = version.rules().get(r);
            String ruleWhere = where + "rule " + rule.chargeCode() + ": ";
            increments[r] = rule.increment();
            ruleExhausted[r] = rule.whenExhausted();
            ruleRate[r] = rule.rateId() == null ? -1 : version.rateIndex(rule.rateId());
            if (rule.rateId() != null && ruleRate[r] < 0) {
                throw new IllegalArgumentException(ruleWhere + "unknown rate '" + rule.rateId() + "'");
            }
            if (rule.bucketIds().size() > MAX_BUCKETS_PER_RULE) {
                throw new IllegalArgumentException(ruleWhere + "draws on more than " + MAX_BUCKETS_PER_RULE + " buckets");
            }
            int[] unitBuckets = new int[rule.bucketIds().size()];
            int[] moneyBuckets = new int[rule.bucketIds().size()];
            int units = 0;
            int money = 0;
            for (String bucketId : rule.bucketIds()) {
                int b = version.bucketIndex(bucketId);
                if (b < 0) {
                    throw new IllegalArgumentException(ruleWhere + "unknown allowance '" + bucketId + "'");
                }
                UsageUnit unit = buckets[b].unit();
                if (unit == UsageUnit.MONEY) {
                    if (rule.whenExhausted() != WhenExhausted.CHARGE) {
                        throw new IllegalArgumentException(ruleWhere + "money allowance '" + bucketId
                                + "' can only pay for charged usage (when-exhausted: charge)");
                    }
                    moneyBuckets[money++] = b;
                } else if (unit != unitOf(rule.service())) {
                    throw new IllegalArgumentException(ruleWhere + "allowance '" + bucketId + "' counts " + unit
                            + " but " + rule.service() + " is measured in " + unitOf(rule.service()));
                } else {
                    unitBuckets[units++] = b;
                }
            }
            ruleUnitBuckets[r] = Arrays.copyOf(unitBuckets, units);
            ruleMoneyBuckets[r] = Arrays.copyOf(moneyBuckets, money);
            boolean[] classMatch = new boolean[classSlots];
            if (rule.destinationClasses().isEmpty()) {
                Arrays.fill(classMatch, true);
            } else {
                for (String className : rule.destinationClasses()) {
                    int classId = classifier.classId(className);
                    if (classId == DestinationClassifier.NO_CLASS) {
                        throw new IllegalArgumentException(ruleWhere + "unknown destination class '" + className + "'");
                    }
                    classMatch[classId + 1] = true;
                }
            }
            for (Direction direction : rule.directions()) {
                for (NumberKind kind : rule.numberKinds()) {
                    for (int c = 0; c < classSlots; c++) {
                        if (classMatch[c]) {
                            ruleByEvent[slot(rule.service(), direction, kind, c)] = (short) r;
                        }
                    }
                }
            }
        }
        this.sameAccountClass = classifier.classId(DestinationClassifier.SAME_ACCOUNT);
        this.holidayEpochDays = version.holidays().stream().mapToLong(LocalDate::toEpochDay).sorted().toArray();
    }

    /** The unit a service's usage is measured in. */
    public static UsageUnit unitOf(Service service) {
        switch (service) {
            case VOICE: return UsageUnit.SECONDS;
            case SMS: return UsageUnit.SMS;
            default: return UsageUnit.BYTES;
        }
    }

    private int slot(Service service, Direction direction, NumberKind kind, int classSlot) {
        return ((service.ordinal() * DIRECTIONS + direction.ordinal()) * NUMBER_KINDS + kind.ordinal()) * classSlots + classSlot;
    }

    /** The first rule matching the event, or {@link #NO_RULE}. */
    public int ruleFor(Service service, Direction direction, NumberKind kind, int classId) {
        return ruleByEvent[slot(service, direction, kind, classId + 1)];
    }

    public DayKind dayKind(long localEpochDay) {
        if (holidayEpochDays.length > 0 && Arrays.binarySearch(holidayEpochDays, localEpochDay) >= 0) {
            return DayKind.HOLIDAY;
        }
        return CivilDates.isoDayOfWeek(localEpochDay) >= 6 ? DayKind.WEEKEND : DayKind.WEEKDAY;
    }

    /** The id of the reserved {@link DestinationClassifier#SAME_ACCOUNT} class, or NO_CLASS. */
    public int sameAccountClass() {
        return sameAccountClass;
    }

    public TariffPlan plan() {
        return plan;
    }

    public PlanVersion version() {
        return version;
    }

    public UsageRule rule(int ruleIndex) {
        return version.rules().get(ruleIndex);
    }

    public Rate rate(int rateIndex) {
        return rates[rateIndex];
    }

    public AllowanceBucket bucket(int bucketIndex) {
        return buckets[bucketIndex];
    }

    public int bucketCount() {
        return buckets.length;
    }

    public boolean bucketGrantedTo(int bucketIndex, NumberKind kind) {
        return bucketGrantedToKind[bucketIndex][kind.ordinal()];
    }

    public ChargingIncrement incrementOfRule(int rule) {
        return increments[rule];
    }

    public int rateOfRule(int rule) {
        return ruleRate[rule];
    }

    public WhenExhausted exhaustedOfRule(int rule) {
        return ruleExhausted[rule];
    }

    public int[] unitBucketsOfRule(int rule) {
        return ruleUnitBuckets[rule];
    }

    public int[] moneyBucketsOfRule(int rule) {
        return ruleMoneyBuckets[rule];
    }
}
