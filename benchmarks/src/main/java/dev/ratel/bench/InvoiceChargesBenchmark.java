package dev.ratel.bench;

import dev.ratel.core.charge.AccountCharges;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.NumberStatus;
import dev.ratel.core.charge.RecurringCharges;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An account's recurring charges for a month as the close computes them before its usage lines:
 * the cloud-PBX «Базовый» package and its per-number fees for six numbers, two of them added or
 * removed mid-month (daily proration) and one blocked for debt part of the month, with VAT.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class InvoiceChargesBenchmark {
    private static final YearMonth MAY = YearMonth.of(2024, 5);

    @Param({"samples/tariffs"})
    String tariffs;

    private TariffPlan plan;
    private PlanVersion version;
    private List<NumberHolding> numbers;

    @Setup
    public void setUp() throws Exception {
        plan = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of(tariffs)).get("cloud-pbx-basic");
        version = plan.versionOn(MAY.atEndOfMonth());
        numbers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            numbers.add(new NumberHolding("7727" + (3_000_000 + i), NumberKind.VPBX_GROUP, LocalDate.of(2024, 1, 1), null, List.of()));
        }
        numbers.add(new NumberHolding("77273000010", NumberKind.VPBX_GROUP, LocalDate.of(2024, 5, 12), null, List.of()));
        numbers.add(new NumberHolding("77273000011", NumberKind.VPBX_GROUP, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 5, 20),
                List.of(new NumberHolding.StatusChange(LocalDate.of(2024, 5, 3), NumberStatus.BLOCKED_DEBT),
                        new NumberHolding.StatusChange(LocalDate.of(2024, 5, 9), NumberStatus.ACTIVE))));
    }

    @Benchmark
    public AccountCharges charges() {
        return RecurringCharges.compute(plan, version, MAY, numbers, List.of(), 1200);
    }
}
