package dev.ratel.jobs.close;

import java.util.function.LongConsumer;

/**
 * Where a month end reports how far its long steps are: {@link #stage} is called when a step starts, with how many
 * accounts it has to do (-1 when unknown), and the consumer it returns is given the number done so far, from any of
 * the step's threads.
 */
@FunctionalInterface
public interface MonthEndProgress {
    MonthEndProgress NONE = (name, total) -> done -> { };

    LongConsumer stage(String name, long total);
}
