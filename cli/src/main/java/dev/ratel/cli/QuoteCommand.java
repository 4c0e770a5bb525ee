package dev.ratel.cli;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingOutcome;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tariff.UsageRule;
import dev.ratel.core.tariff.UsageUnit;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel quote}: explains how one event is rated. */
@Command(name = "quote", mixinStandardHelpOptions = true,
        description = "Explain how one usage event is rated: class, rule, buckets drawn, units billed, price.",
        footerHeading = "%nExamples:%n", footer = {
                "  ratel quote --plan kense-15 --service VOICE --to 77011234567 --duration 125",
                "  ratel quote --plan kense-15 --service VOICE --to 77011234567 --duration 125 --used kz-offnet-minutes=11940",
                "  ratel quote --plan kense-15 --service SMS --to 77051234567 --chars 71 --encoding UCS2",
                "  ratel quote --plan prostoy-freephone-standard --service VOICE --direction IN --kind FREEPHONE --to 78314212345 --duration 61"})
final class QuoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tariffs", paramLabel = "DIR", defaultValue = "samples/tariffs",
            description = "Tariff directory (default: ${DEFAULT-VALUE}).")
    Path tariffs;

    @Option(names = "--reference", paramLabel = "DIR", defaultValue = "samples/reference",
            description = "Reference data directory; exchange-rates.csv is read from it when present (default: ${DEFAULT-VALUE}).")
    Path reference;

    @Option(names = "--plan", required = true, paramLabel = "ID", description = "Plan id, e.g. kense-15.")
    String planId;

    @Option(names = "--service", required = true, description = "VOICE, SMS or DATA.")
    Service service;

    @Option(names = "--direction", defaultValue = "OUT", description = "OUT, IN or FWD (default: ${DEFAULT-VALUE}).")
    Direction direction;

    @Option(names = "--kind", defaultValue = "MOBILE", description = "Kind of the charged number: MOBILE, VPBX_GROUP, SIP, FREEPHONE (default: ${DEFAULT-VALUE}).")
    NumberKind kind;

    @Option(names = "--to", paramLabel = "NUMBER", description = "The other party, digits in international form.")
    String otherParty;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Answered seconds (VOICE).")
    long durationSeconds;

    @Option(names = "--bytes", paramLabel = "BYTES", description = "Volume in bytes (DATA).")
    long volumeBytes;

    @Option(names = "--chars", paramLabel = "N", description = "Characters of the message (SMS).")
    int chars;

    @Option(names = "--encoding", defaultValue = "GSM7", description = "GSM7 or UCS2 (default: ${DEFAULT-VALUE}).")
    SmsEncoding encoding;

    @Option(names = "--at", paramLabel = "LOCAL-TIME", description = "Local start time in the plan's zone, e.g. 2024-05-17T10:15 (default: now).")
    String at;

    @Option(names = "--used", paramLabel = "BUCKET=UNITS", description = "Units already used this period, e.g. kz-offnet-minutes=11940 (seconds, SMS, bytes or money).")
    Map<String, String> used = new LinkedHashMap<>();

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TariffPlan plan;
        try {
            plan = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(tariffs).get(planId);
        } catch (TariffValidationException e) {
            throw new UsageProblem(e.getMessage());
        }
        if (plan == null) {
            throw new UsageProblem("no plan '" + planId + "' in " + tariffs);
        }
        ExchangeRates rates = ExchangeRates.none();
        Path ratesFile = reference.resolve("exchange-rates.csv");
        if (Files.exists(ratesFile)) {
            try {
                rates = ExchangeRatesCsv.read(ratesFile);
            } catch (ReferenceDataException e) {
                throw new UsageProblem(e.getMessage());
            }
        }
        long start;
        try {
            start = at == null ? System.currentTimeMillis()
                    : LocalDateTime.parse(at).atZone(plan.zone()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UsageProblem("--at '" + at + "' is not a local date-time such as 2024-05-17T10:15");
        }
        int versionIndex = plan.versionIndexAt(start);
        if (versionIndex < 0) {
            throw new UsageProblem("plan " + planId + " has no version in force at " + (at == null ? "this moment" : at));
        }
        RatingTable table = plan.ratingTable(versionIndex);
        long other = 0;
        if (otherParty != null) {
            if (!otherParty.matches("[0-9]{1,16}")) {
                throw new UsageProblem("--to must be digits in international form without '+', such as 77011234567");
            }
            other = Long.parseLong(otherParty);
        } else if (service != Service.DATA) {
            throw new UsageProblem("--to is required for " + service);
        }
        InMemoryAllowances balances = new InMemoryAllowances(table);
        for (Map.Entry<String, String> entry : used.entrySet()) {
            int bucket = table.version().bucketIndex(entry.getKey());
            if (bucket < 0) {
                throw new UsageProblem("--used: plan " + planId + " has no allowance '" + entry.getKey() + "'");
            }
            try {
                long units = table.bucket(bucket).unit() == UsageUnit.MONEY
                        ? Money.parseScaled(entry.getValue()) : Long.parseLong(entry.getValue());
                balances.markUsed(bucket, units);
            } catch (IllegalArgumentException e) {
                throw new UsageProblem("--used " + entry.getKey() + ": '" + entry.getValue() + "' is not a quantity");
            }
        }
        UsageEvent event = new UsageEvent();
        switch (service) {
            case VOICE: event.voice(direction, kind, 0, other, start, durationSeconds); break;
            case SMS: event.sms(kind, 0, other, start, chars, encoding); event.direction = direction; break;
            default: event.data(kind, 0, start, volumeBytes); event.direction = direction; break;
        }
        RatingResult result = new RatingResult();
        RatingOutcome outcome = new Rater(rates).rate(table, event, balances, result);

        DestinationClassifier classifier = plan.classifier();
        if (json.json) {
            java.util.List<Object> drawn = new java.util.ArrayList<>();
            for (int i = 0; i < result.deltaCount; i++) {
                AllowanceBucket bucket = table.bucket(result.deltaBucket[i]);
                drawn.add(JsonOption.summary("bucket", bucket.id(), "units", bucket.unit() == UsageUnit.MONEY
                        ? Money.formatScaled(result.deltaUnits[i]) : result.deltaUnits[i]));
            }
            boolean ruled = outcome != RatingOutcome.NO_RULE;
            json.print(out, JsonOption.summary("plan", plan.id(), "version_from", table.version().validFrom().toString(),
                    "class", service == Service.DATA ? null : classifier.className(result.destinationClass), "outcome", outcome.name(),
                    "rule", ruled ? table.rule(result.ruleIndex).chargeCode() : null,
                    "raw_units", ruled ? result.rawUnits : null, "billed_units", ruled ? result.billedUnits : null, "drawn", drawn,
                    "charged_units", ruled ? result.chargedUnits : null, "throttled", ruled && result.throttled,
                    "amount", outcome == RatingOutcome.RATED ? Money.formatScaled(result.amountScaled) : null,
                    "currency", plan.currency().name()));
            return ExitCodes.OK;
        }
        out.printf("plan         %s (%s), version from %s%n", plan.id(), plan.name(), table.version().validFrom());
        if (service != Service.DATA) {
            out.printf("class        %s%s%n", classifier.className(result.destinationClass),
                    result.destinationClass == DestinationClassifier.NO_CLASS ? " (no prefix matched, no default class)" : "");
        }
        if (outcome == RatingOutcome.NO_RULE) {
            out.printf("outcome      NO_RULE: no rule of this plan rates %s %s from a %s number to %s; the record would go to rejects%n",
                    service, direction, kind, classifier.className(result.destinationClass));
            return ExitCodes.OK;
        }
        UsageRule rule = table.rule(result.ruleIndex);
        out.printf("rule         %s: %s (increment %s, then %s)%n", rule.chargeCode(), rule.description(), rule.increment(),
                rule.whenExhausted().name().toLowerCase());
        String unit = unitWord(service);
        out.printf("usage        %d %s, billed %d %s%n", result.rawUnits, unit, result.billedUnits, unit);
        for (int i = 0; i < result.deltaCount; i++) {
            AllowanceBucket bucket = table.bucket(result.deltaBucket[i]);
            long before = bucket.unlimited() ? -1 : bucket.grantedUnits() - balances.used(result.deltaBucket[i]);
            String drawn = bucket.unit() == UsageUnit.MONEY ? Money.formatScaled(result.deltaUnits[i]) + " " + plan.currency()
                    : result.deltaUnits[i] + " " + unit;
            out.printf("drawn        %s from %s (%s)%s%n", drawn, bucket.id(), bucket.description(),
                    bucket.unlimited() ? ", unlimited" : ", " + format(bucket, before) + " were left of " + format(bucket, bucket.grantedUnits()));
        }
        out.printf("charged      %d %s%s%n", result.chargedUnits, unit, result.throttled ? " free, throttled" : "");
        if (result.unitPriceScaled > 0) {
            var rate = table.rate(table.rateOfRule(result.ruleIndex));
            out.printf("price        %s %s per %d %s%s%n", Money.formatScaled(result.unitPriceScaled), rate.currency(), rate.unitSize(), unit,
                    rate.connectFeeScaled() > 0 ? " + connect fee " + Money.formatScaled(rate.connectFeeScaled()) : "");
        }
        if (outcome == RatingOutcome.REFUSED) {
            out.println("outcome      REFUSED: the allowances are used up and the rule refuses more; the record would go to rejects");
        } else if (outcome == RatingOutcome.NO_EXCHANGE_RATE) {
            out.println("outcome      NO_EXCHANGE_RATE: no exchange rate in force on the usage day; the record would go to rejects");
        } else {
            out.printf("amount       %s %s (%s)%n", Money.formatScaled(result.amountScaled), plan.currency(),
                    plan.taxBasis().name().toLowerCase().replace('_', ' '));
        }
        return ExitCodes.OK;
    }

    private static String unitWord(Service service) {
        switch (service) {
            case VOICE: return "s";
            case SMS: return "SMS";
            default: return "bytes";
        }
    }

    private static String format(AllowanceBucket bucket, long units) {
        return bucket.unit() == UsageUnit.MONEY ? Money.formatScaled(units) : Long.toString(units);
    }
}
