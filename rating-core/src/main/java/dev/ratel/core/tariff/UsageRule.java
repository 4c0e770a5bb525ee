package dev.ratel.core.tariff;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Service;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one kind of usage is rated: which events it matches (service, directions, kinds of the
 * charged number, destination classes of the other party; an empty set matches all), the
 * increments, the buckets drawn in order, and what happens to what they do not cover.
 * A plan's rules are tried in order; the first that matches an event rates it.
 *
 * <p>{@code chargeCode} groups the rated records into one invoice line per account (for example
 * {@code VOICE_OFFNET}); {@code description} is that line's Russian text.
 */
public record UsageRule(String chargeCode, String description, Service service, Set<Direction> directions,
                        Set<NumberKind> numberKinds, Set<String> destinationClasses, ChargingIncrement increment,
                        List<String> bucketIds, WhenExhausted whenExhausted, String rateId) {
    public UsageRule {
        Objects.requireNonNull(chargeCode, "chargeCode");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(increment, "increment");
        Objects.requireNonNull(whenExhausted, "whenExhausted");
        directions = directions.isEmpty() ? EnumSet.allOf(Direction.class) : EnumSet.copyOf(directions);
        numberKinds = numberKinds.isEmpty() ? EnumSet.allOf(NumberKind.class) : EnumSet.copyOf(numberKinds);
        destinationClasses = Set.copyOf(destinationClasses);
        bucketIds = List.copyOf(bucketIds);
        if (whenExhausted == WhenExhausted.CHARGE && rateId == null) {
            throw new IllegalArgumentException("rule " + chargeCode + " charges but names no rate");
        }
    }
}
