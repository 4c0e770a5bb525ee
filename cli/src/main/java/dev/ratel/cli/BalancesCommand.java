package dev.ratel.cli;

import dev.ratel.core.money.Money;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.jobs.balances.Balances;
import dev.ratel.jobs.home.HomeLock;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel balances}: what is left of a number's allowances, like the operator's self-service page. */
@Command(name = "balances", mixinStandardHelpOptions = true,
        description = "Show what remains of each allowance of a number and of its account's pools on a day.",
        footerHeading = "%nExamples:%n", footer = {"  ratel balances --number 77051110001 --tariffs samples/tariffs --reference data/reference",
                "  ratel balances --number 77051110001 --at 2024-05-31 --json ..."})
final class BalancesCommand implements Callable<Integer> {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Option(names = "--number", required = true, paramLabel = "N", description = "The number, digits in international form.")
    String number;

    @Option(names = "--at", paramLabel = "YYYY-MM-DD", description = "The day (default: today, UTC).")
    String at;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--json", description = "Print the balances as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LocalDate day;
        try {
            day = at == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(at);
        } catch (DateTimeParseException e) {
            throw new UsageProblem("--at '" + at + "' is not a date YYYY-MM-DD");
        }
        if (!number.matches("\\d{5,15}")) {
            throw new UsageProblem("--number '" + number + "' is not a number in international form, digits only (77051110001)");
        }
        Setup setup = configuration.load();
        if (!Files.isDirectory(dev.ratel.jobs.home.HomeLayout.counters(homeOption.home()))) {
            throw new UsageProblem("home " + homeOption.home() + " has no counters yet; run 'ratel rate' first");
        }
        Balances.View view;
        try (HomeLock lock = HomeLock.acquire(homeOption.home());
             MappedCounterStore counters = dev.ratel.jobs.rate.Counters.open(homeOption.home(), setup.reference());
             dev.ratel.formats.ids.HomeCounterKeys keys = dev.ratel.formats.ids.HomeCounterKeys.readOnly(
                     dev.ratel.jobs.home.HomeLayout.ids(homeOption.home()))) {
            view = Balances.of(number, day, setup.reference(), setup.plans(), counters, keys);
        } catch (HomeLock.HomeLockedException | dev.ratel.jobs.home.HomeFormatException | IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String currency = setup.plans().get(view.planId()).currency().name();
        if (json) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (Balances.Line line : view.lines()) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("bucket", line.bucket());
                object.put("description", line.description());
                object.put("scope", line.scope());
                object.put("unit", line.unit());
                object.put("unlimited", line.unlimited());
                object.put("total", line.unlimited() ? null : line.granted());
                object.put("used", line.used());
                object.put("available", line.unlimited() ? null : line.available());
                object.put("valid_from", line.validFrom().toOffsetDateTime().toString());
                object.put("valid_to", line.validTo().toOffsetDateTime().toString());
                lines.add(object);
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("number", view.number());
            object.put("account_id", view.accountId());
            object.put("plan_id", view.planId());
            object.put("day", view.day().toString());
            object.put("balances", lines);
            out.println(JsonOption.write(object));
            return ExitCodes.OK;
        }
        out.printf("number %s, account %s, plan %s (%s), on %s%n", view.number(), view.accountId(), view.planId(), view.planName(), view.day());
        out.printf("%-22s %-13s %25s   %-19s   %-19s  %s%n", "bucket", "scope", "available / total", "valid from", "valid to", "description");
        for (Balances.Line line : view.lines()) {
            String amounts = line.unlimited() ? "unlimited" : shown(line.available(), line.unit(), currency) + " / "
                    + shown(line.granted(), line.unit(), currency);
            out.printf("%-22s %-13s %25s   %-19s   %-19s  %s%n", line.bucket(), line.scope(), amounts, SHOWN.format(line.validFrom()),
                    SHOWN.format(line.validTo()), line.description());
        }
        return ExitCodes.OK;
    }

    /** Units as a person reads them: minutes and seconds, SMS, GiB, money. */
    static String shown(long units, String unit, String currency) {
        switch (unit) {
            case "SECONDS":
                return units % 60 == 0 ? units / 60 + " min" : units / 60 + " min " + units % 60 + " s";
            case "SMS":
                return units + " SMS";
            case "BYTES":
                return BigDecimal.valueOf(units).divide(BigDecimal.valueOf(1L << 30), 2, RoundingMode.DOWN).toPlainString() + " GiB";
            default:
                return Money.formatScaled(units) + " " + currency;
        }
    }
}
