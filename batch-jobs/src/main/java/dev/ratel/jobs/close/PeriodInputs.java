package dev.ratel.jobs.close;

import dev.ratel.core.tariff.TariffPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a period's documents are made from besides the invoices, read once per job when first needed (by whichever
 * step or partition thread comes first): the rated usage summed from the Parquet export, and what expired of each
 * account's allowances.
 */
final class PeriodInputs {
    private final Path home;
    private final String outUri;
    private final String period;
    private final Map<String, TariffPlan> plans;
    private PeriodUsage usage;
    private Map<String, List<AllowanceExpiry.Expired>> expired;

    PeriodInputs(Path home, Path out, String period, Map<String, TariffPlan> plans) {
        this.home = home;
        this.outUri = out.toAbsolutePath().toUri().toString();
        this.period = period;
        this.plans = plans;
    }

    synchronized PeriodUsage usage() {
        if (usage == null) {
            try {
                usage = PeriodUsage.read(outUri, period, plans);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return usage;
    }

    /**
     * Per account, the allowances that expired with something left (the acts list those, not the ones used up). Their
     * texts are shared (an account's id, a number, a bucket's name and unit are one string each), so 1.6 million rows
     * of 100 000 accounts take about 130 MB rather than the 450 MB of the rows as read.
     */
    synchronized Map<String, List<AllowanceExpiry.Expired>> expiredByAccount() {
        if (expired == null) {
            Map<String, List<AllowanceExpiry.Expired>> byAccount = new HashMap<>();
            Map<String, String> shared = new HashMap<>();
            Path file = AllowanceExpiry.file(home, period);
            try {
                if (Files.exists(file)) {
                    AllowanceExpiry.forEach(file, row -> {
                        if (row.expired() > 0) {
                            byAccount.computeIfAbsent(shared.computeIfAbsent(row.accountId(), k -> k), k -> new ArrayList<>(4))
                                    .add(new AllowanceExpiry.Expired(shared.computeIfAbsent(row.accountId(), k -> k),
                                            shared.computeIfAbsent(row.owner(), k -> k), shared.computeIfAbsent(row.bucket(), k -> k),
                                            shared.computeIfAbsent(row.unit(), k -> k), row.granted(), row.used(), row.expired()));
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            expired = byAccount;
        }
        return expired;
    }
}
