package dev.ratel.formats.tariff;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.destination.RangeNotation;
import dev.ratel.core.money.Currency;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Service;
import dev.ratel.core.tariff.AccountFlagRule;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.BucketStart;
import dev.ratel.core.tariff.ChargingIncrement;
import dev.ratel.core.tariff.DayKind;
import dev.ratel.core.tariff.FeeTiming;
import dev.ratel.core.tariff.OneTimeFee;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.Surcharge;
import dev.ratel.core.tariff.PartialMonth;
import dev.ratel.core.tariff.Proration;
import dev.ratel.core.tariff.Rate;
import dev.ratel.core.tariff.RateVariant;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.RecurringFee;
import dev.ratel.core.tariff.Seller;
import dev.ratel.core.account.Requisites;
import dev.ratel.core.tariff.ResourceCount;
import dev.ratel.core.tariff.SmsSegmentation;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tariff.UsageRule;
import dev.ratel.core.tariff.UsageUnit;
import dev.ratel.core.tariff.WhenExhausted;
import dev.ratel.core.tax.PriceTaxBasis;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.reference.DateSyntax;
import dev.ratel.formats.reference.TextFileProblem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates Ratel tariff files: YAML, one plan per file ({@code *.yaml} or {@code *.yml}),
 * in the schema documented in {@code docs/tariff-schema.md}. Every problem is reported with its file
 * and line and what is expected; unknown keys are errors. Nothing is returned unless every file of
 * the directory is valid.
 */
public final class TariffLoader {
    private static final Pattern QUANTITY = Pattern.compile("(unlimited|[0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]+)");
    private static final Pattern INCREMENT = Pattern.compile("([0-9]+)\\s*/\\s*([0-9]+)");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /** YAML nesting a tariff may have: a plan needs 8 at most; SnakeYAML's own limit is 50. */
    private static final int MAX_NESTING = 50;
    private static final Pattern COUNTS = Pattern.compile("(package|numbers|option|minimum-total)(?:\\(([^)]*)\\))?");

    private final TaxTable taxTable;

    public TariffLoader(TaxTable taxTable) {
        this.taxTable = taxTable;
    }

    /** Loads every plan file of a directory, in file-name order, keyed by plan id. */
    public Map<String, TariffPlan> loadDirectory(Path directory) throws TariffValidationException {
        List<TariffProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new TariffProblem(directory, 0, "not a directory of tariff files"));
            throw new TariffValidationException(problems);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> {
                String name = p.getFileName().toString();
                return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
            }).sorted().toList();
        } catch (IOException e) {
            problems.add(new TariffProblem(directory, 0, "cannot list the directory: " + e.getMessage()));
            throw new TariffValidationException(problems);
        }
        if (files.isEmpty()) {
            problems.add(new TariffProblem(directory, 0, "holds no tariff files (*.yaml)"));
        }
        Map<String, TariffPlan> plans = new TreeMap<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path file : files) {
            TariffPlan plan = parse(file, problems);
            if (plan != null) {
                Path earlier = seen.putIfAbsent(plan.id(), file);
                if (earlier != null) {
                    problems.add(new TariffProblem(file, 1, "plan id '" + plan.id() + "' is already used by " + earlier));
                } else {
                    plans.put(plan.id(), plan);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new TariffValidationException(problems);
        }
        return plans;
    }

    /** Loads one plan file. */
    public TariffPlan loadFile(Path file) throws TariffValidationException {
        List<TariffProblem> problems = new ArrayList<>();
        TariffPlan plan = parse(file, problems);
        if (!problems.isEmpty() || plan == null) {
            throw new TariffValidationException(problems);
        }
        return plan;
    }

    /** The line of code point {@code position} of the text. */
    private static long lineOfCodePoint(String text, int position) {
        long line = 1;
        int end = text.offsetByCodePoints(0, Math.min(position, text.codePointCount(0, text.length())));
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The first line where open brackets and indentation (two spaces a level) pass the nesting allowed; 1 if none does. */
    private static int nestingLine(String text) {
        int line = 1;
        int brackets = 0;
        int indent = 0;
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                indent = 0;
                lineStart = true;
                continue;
            }
            if (lineStart && c == ' ') {
                indent++;
                continue;
            }
            lineStart = false;
            if (c == '[' || c == '{') {
                brackets++;
            } else if (c == ']' || c == '}') {
                brackets--;
            }
            if (brackets + indent / 2 > MAX_NESTING) {
                return line;
            }
        }
        return 1;
    }

    private TariffPlan parse(Path file, List<TariffProblem> problems) {
        Node root;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            TextFileProblem.Located notText = TextFileProblem.notUtf8(file, e);
            problems.add(notText != null ? new TariffProblem(file, (int) notText.line(), notText.message())
                    : new TariffProblem(file, 1, "cannot read: " + e.getMessage()));
            return null;
        }
        TextFileProblem.Located control = TextFileProblem.controlCharacter(text, 1);
        if (control != null) {
            problems.add(new TariffProblem(file, (int) control.line(), control.message()));
            return null;
        }
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(200);
            options.setCodePointLimit(8 * 1024 * 1024);
            options.setNestingDepthLimit(MAX_NESTING);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new TariffProblem(file, line, "not valid YAML: " + e.getProblem()));
            return null;
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            // a character YAML does not allow in a document (U+0085..U+009F, U+FFFE ...)
            problems.add(new TariffProblem(file, (int) lineOfCodePoint(text, e.getPosition()), "holds the character U+"
                    + String.format("%04X", e.getCodePoint()) + ", which YAML does not allow; remove it"));
            return null;
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            if (String.valueOf(e.getMessage()).contains("Nesting Depth")) {
                problems.add(new TariffProblem(file, nestingLine(text), "nested deeper than " + MAX_NESTING
                        + " levels; a plan needs at most 8: is a bracket or indentation out of place?"));
            } else {
                problems.add(new TariffProblem(file, 1, "not valid YAML: " + e.getMessage()));
            }
            return null;
        }
        if (root == null) {
            problems.add(new TariffProblem(file, 1, "the file is empty; expected a plan starting with 'plan: <id>'"));
            return null;
        }
        int before = problems.size();
        PlanReader planReader = new PlanReader(new YamlObject(file, root, problems));
        TariffPlan plan;
        try {
            plan = planReader.read();
        } catch (IllegalArgumentException | IllegalStateException inconsistent) {
            // a combination the checks above let through and the model refuses: still a problem in this file
            problems.add(new TariffProblem(file, 0, inconsistent.getMessage()));
            return null;
        }
        return problems.size() == before ? plan : null;
    }

    /** Reads one plan, collecting problems rather than stopping at the first. */
    private final class PlanReader {
        private final YamlObject yaml;
        private Currency currency = Currency.KZT;
        private Set<String> classNames = new HashSet<>();

        PlanReader(YamlObject yaml) {
            this.yaml = yaml;
        }

        TariffPlan read() {
            String id = yaml.string("plan", true);
            if (id != null && (!ID.matcher(id).matches() || id.length() > 64)) {
                yaml.problem(yaml.node("plan"), "plan id '" + id + "' must be 1 to 64 lower-case letters, digits and '-'");
            }
            String name = yaml.string("name", true);
            String currencyText = yaml.string("currency", true);
            if (currencyText != null) {
                try {
                    currency = Currency.fromCode(currencyText);
                } catch (IllegalArgumentException e) {
                    yaml.problem(yaml.node("currency"), "unknown currency '" + currencyText + "'; expected KZT, RUB, USD or EUR");
                }
            }
            ZoneId zone = ZoneId.of("UTC");
            String zoneText = yaml.string("time-zone", true);
            if (zoneText != null) {
                try {
                    zone = ZoneId.of(zoneText);
                } catch (DateTimeException e) {
                    yaml.problem(yaml.node("time-zone"), "unknown time zone '" + zoneText + "'; expected a region id such as Asia/Almaty");
                }
            }
            String jurisdiction = TaxTable.KAZAKHSTAN;
            PriceTaxBasis basis = PriceTaxBasis.EXCLUDES_TAX;
            YamlObject tax = yaml.object("tax", true);
            if (tax != null) {
                String j = tax.string("jurisdiction", true);
                if (j != null && !taxTable.knowsJurisdiction(j)) {
                    tax.problem(tax.node("jurisdiction"), "no tax rules for jurisdiction '" + j + "'; expected RU or KZ");
                } else if (j != null) {
                    jurisdiction = j;
                }
                String prices = tax.string("prices", true);
                if (prices != null) {
                    switch (prices) {
                        case "exclude-tax": basis = PriceTaxBasis.EXCLUDES_TAX; break;
                        case "include-tax-per-unit": basis = PriceTaxBasis.INCLUDES_TAX_PER_UNIT; break;
                        case "include-tax-per-line": basis = PriceTaxBasis.INCLUDES_TAX_PER_LINE; break;
                        default:
                            tax.problem(tax.node("prices"), "unknown tax basis '" + prices
                                    + "'; expected exclude-tax, include-tax-per-unit or include-tax-per-line");
                    }
                }
                tax.finish("tax", "jurisdiction", "prices");
            }
            int paymentTermDays = integer(yaml, "payment-term-days", 0);
            SmsSegmentation sms = SmsSegmentation.PLAIN;
            String smsText = yaml.string("sms-parts", false);
            if (smsText != null) {
                if (smsText.equals("plain")) {
                    sms = SmsSegmentation.PLAIN;
                } else if (smsText.equals("concatenated")) {
                    sms = SmsSegmentation.CONCATENATED;
                } else {
                    yaml.problem(yaml.node("sms-parts"), "unknown sms-parts '" + smsText + "'; expected plain (70/160) or concatenated (67/153)");
                }
            }
            yaml.string("notes", false);
            Seller seller = seller(yaml.object("seller", false), jurisdiction);
            DestinationClassifier classifier = destinations(yaml.object("destinations", false));
            List<PlanVersion> versions = new ArrayList<>();
            List<YamlObject> versionNodes = yaml.objects("versions");
            if (versionNodes.isEmpty()) {
                yaml.problem("missing 'versions': a plan needs at least one version with its valid-from date");
            }
            for (YamlObject versionNode : versionNodes) {
                PlanVersion version = version(versionNode);
                if (version != null) {
                    versions.add(version);
                    // a month of the version must have a VAT rate, or its invoices cannot be issued
                    if (taxTable.knowsJurisdiction(jurisdiction) && !taxCovers(jurisdiction, version.validFrom())) {
                        versionNode.problem(versionNode.node("valid-from"), "no VAT rate of " + jurisdiction + " is in force on "
                                + version.validFrom() + " (tax-rates.csv); add a rate from that date or earlier");
                    }
                }
            }
            yaml.finish("a plan", "plan", "name", "currency", "time-zone", "tax", "payment-term-days", "sms-parts",
                    "notes", "seller", "destinations", "versions");
            if (id == null || name == null || versions.size() != versionNodes.size() || versions.isEmpty()) {
                return null;
            }
            try {
                return new TariffPlan(id, name, currency, zone, jurisdiction, basis, paymentTermDays, sms, classifier, versions, seller);
            } catch (IllegalArgumentException e) {
                yaml.problem(e.getMessage());
                return null;
            }
        }

        /** {@code surcharge: {percent: 1.2, code: SURCHARGE, description: ...}}: a percentage added as a line of its own. */
        private Surcharge surcharge(YamlObject node) {
            if (node == null) {
                return null;
            }
            String percent = node.string("percent", true);
            String code = node.code("code");
            String description = node.string("description", false);
            node.finish("a surcharge", "percent", "code", "description");
            if (percent == null || code == null) {
                return null;
            }
            try {
                java.math.BigDecimal value = new java.math.BigDecimal(percent);
                if (value.scale() > 2 || value.signum() <= 0 || value.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                    node.problem(node.node("percent"), "percent '" + percent + "' must be above 0 and at most 100, with at most two decimals (1.2)");
                    return null;
                }
                return new Surcharge(code, description == null ? code : description, value.movePointRight(2).intValueExact());
            } catch (NumberFormatException e) {
                node.problem(node.node("percent"), "percent '" + percent + "' is not a number such as 1.2");
                return null;
            }
        }

        private boolean taxCovers(String jurisdiction, LocalDate day) {
            try {
                taxTable.ruleOn(jurisdiction, day);
                return true;
            } catch (IllegalArgumentException none) {
                return false;
            }
        }

        private Seller seller(YamlObject node, String jurisdiction) {
            if (node == null) {
                return Seller.unnamed(jurisdiction);
            }
            String name = node.string("name", true);
            String taxId = node.string("tax-id", false);
            String address = node.string("address", false);
            String bank = node.string("bank-details", false);
            String series = node.string("invoice-series", false);
            Requisites requisites = new Requisites(address, node.string("kpp", false), node.string("bank-name", false),
                    node.string("bank-bic", false), node.string("correspondent-account", false), node.string("bank-account", false),
                    node.string("kbe", false), node.string("knp", false), node.string("email", false));
            String head = node.string("head", false);
            String chiefAccountant = node.string("chief-accountant", false);
            node.finish("seller", "name", "tax-id", "address", "bank-details", "invoice-series", "kpp", "bank-name", "bank-bic",
                    "correspondent-account", "bank-account", "kbe", "knp", "email", "head", "chief-accountant");
            if (name == null) {
                return Seller.unnamed(jurisdiction);
            }
            // the seller's ids are on every document it issues: checked as a customer's are in customers.csv
            for (Requisites.Problem problem : requisites.problems(jurisdiction, taxId == null ? "" : taxId)) {
                String key = problem.field().replace('_', '-');
                org.yaml.snakeyaml.nodes.Node at = node.node(key);
                if (at == null) {
                    node.problem("seller " + key + ": " + problem.message());
                } else {
                    node.problem(at, "seller " + key + ": " + problem.message());
                }
            }
            try {
                return new Seller(name, taxId, address, bank, series == null ? jurisdiction : series, requisites, head, chiefAccountant);
            } catch (IllegalArgumentException e) {
                node.problem(node.node("invoice-series"), e.getMessage());
                return Seller.unnamed(jurisdiction);
            }
        }

        private DestinationClassifier destinations(YamlObject node) {
            DestinationClassifier.Builder builder = DestinationClassifier.builder();
            if (node == null) {
                return builder.build();
            }
            for (YamlObject entry : node.objects("classes")) {
                String className = entry.code("class");
                if (className == null) {
                    continue;
                }
                if (!ID.matcher(className).matches()) {
                    entry.problem("class name '" + className + "' must be lower-case letters, digits and '-'");
                }
                builder.declareClass(className);
                classNames.add(className);
                for (String prefixText : entry.strings("prefixes")) {
                    try {
                        for (String prefix : RangeNotation.expand(prefixText)) {
                            builder.prefix(prefix, className);
                        }
                    } catch (IllegalArgumentException e) {
                        entry.problem(entry.node("prefixes"), e.getMessage());
                    }
                }
                for (YamlObject range : entry.objects("ranges")) {
                    String from = range.string("from", true);
                    String to = range.string("to", true);
                    if (from != null && to != null) {
                        try {
                            builder.range(Long.parseLong(from), Long.parseLong(to), className);
                        } catch (NumberFormatException e) {
                            range.problem("range bounds must be whole numbers in international form");
                        } catch (IllegalArgumentException e) {
                            range.problem(e.getMessage());
                        }
                    }
                    range.finish("a range", "from", "to");
                }
                entry.string("description", false);
                entry.finish("a destination class", "class", "description", "prefixes", "ranges");
            }
            String defaultClass = node.string("default", false);
            if (defaultClass != null) {
                builder.defaultClass(defaultClass);
                classNames.add(defaultClass);
            }
            node.finish("destinations", "classes", "default");
            return builder.build();
        }

        private PlanVersion version(YamlObject node) {
            int before = problemCount();
            LocalDate from = date(node, "valid-from", true);
            LocalDate to = date(node, "valid-to", false);
            node.string("description", false);
            List<LocalDate> holidays = new ArrayList<>();
            for (String day : node.strings("holidays")) {
                try {
                    LocalDate holiday = LocalDate.parse(day);
                    if (DateSyntax.usable(holiday)) {
                        holidays.add(holiday);
                        continue;
                    }
                } catch (DateTimeException e) {
                    // said below
                }
                node.problem(node.node("holidays"), "holiday '" + day + "' is not " + DateSyntax.RULE);
            }
            List<Rate> rates = new ArrayList<>();
            Set<String> rateIds = new HashSet<>();
            for (YamlObject rateNode : node.objects("rates")) {
                Rate rate = rate(rateNode);
                if (rate != null && !rateIds.add(rate.id())) {
                    rateNode.problem("rate id '" + rate.id() + "' is defined twice in this version");
                } else if (rate != null) {
                    rates.add(rate);
                }
            }
            List<AllowanceBucket> buckets = new ArrayList<>();
            Map<String, UsageUnit> bucketUnits = new LinkedHashMap<>();
            for (YamlObject bucketNode : node.objects("allowances")) {
                AllowanceBucket bucket = bucket(bucketNode);
                if (bucket != null && bucketUnits.putIfAbsent(bucket.id(), bucket.unit()) != null) {
                    bucketNode.problem("allowance id '" + bucket.id() + "' is defined twice in this version");
                } else if (bucket != null) {
                    buckets.add(bucket);
                }
            }
            List<UsageRule> rules = new ArrayList<>();
            for (YamlObject ruleNode : node.objects("rules")) {
                UsageRule rule = rule(ruleNode, rateIds, bucketUnits);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            List<RecurringFee> fees = new ArrayList<>();
            for (YamlObject feeNode : node.objects("fees")) {
                RecurringFee fee = fee(feeNode);
                if (fee != null) {
                    fees.add(fee);
                }
            }
            List<OneTimeFee> oneTimeFees = new ArrayList<>();
            for (YamlObject feeNode : node.objects("one-time-fees")) {
                OneTimeFee fee = oneTimeFee(feeNode);
                if (fee != null) {
                    oneTimeFees.add(fee);
                }
            }
            List<AccountFlagRule> flags = new ArrayList<>();
            for (YamlObject flagNode : node.objects("flags")) {
                String flag = flagNode.code("flag");
                String description = flagNode.string("description", false);
                long threshold = money(flagNode, "monthly-total-at-least", true);
                flagNode.finish("a flag", "flag", "description", "monthly-total-at-least");
                if (flag != null) {
                    flags.add(new AccountFlagRule(flag, description == null ? flag : description, threshold));
                }
            }
            Surcharge surcharge = surcharge(node.object("surcharge", false));
            node.finish("a version", "valid-from", "valid-to", "description", "holidays", "rates", "allowances", "rules",
                    "fees", "one-time-fees", "flags", "surcharge");
            if (from == null || problemCount() != before) {
                return null;
            }
            try {
                return new PlanVersion(from, to, rates, buckets, rules, fees, oneTimeFees, flags, new HashSet<>(holidays), surcharge);
            } catch (IllegalArgumentException e) {
                node.problem(e.getMessage());
                return null;
            }
        }

        private Rate rate(YamlObject node) {
            String id = node.code("id");
            long price = money(node, "price", true);
            long per = integer(node, "per", 1);
            long connect = money(node, "connect-fee", false);
            Currency rateCurrency = currency;
            String currencyText = node.string("currency", false);
            if (currencyText != null) {
                try {
                    rateCurrency = Currency.fromCode(currencyText);
                } catch (IllegalArgumentException e) {
                    node.problem(node.node("currency"), "unknown currency '" + currencyText + "'; expected KZT, RUB, USD or EUR");
                }
            }
            node.string("description", false);
            List<RateVariant> variants = new ArrayList<>();
            for (YamlObject variantNode : node.objects("variants")) {
                Set<DayKind> days = enums(variantNode, "days", DayKind.class);
                int fromMinute = minuteOfDay(variantNode, "from");
                int toMinute = minuteOfDay(variantNode, "to");
                long variantPrice = money(variantNode, "price", true);
                variantNode.finish("a rate variant", "days", "from", "to", "price");
                try {
                    variants.add(new RateVariant(days, fromMinute, toMinute, variantPrice));
                } catch (IllegalArgumentException e) {
                    variantNode.problem(e.getMessage());
                }
            }
            node.finish("a rate", "id", "description", "price", "per", "connect-fee", "currency", "variants");
            if (id == null || per < 1) {
                if (per < 1) {
                    node.problem("'per' must be at least 1 billed unit (60 = per minute of seconds)");
                }
                return null;
            }
            return new Rate(id, price, per, connect, rateCurrency, variants);
        }

        private AllowanceBucket bucket(YamlObject node) {
            String id = node.code("id");
            String description = node.string("description", false);
            String amountText = node.string("amount", true);
            UsageUnit unit = null;
            long amount = 0;
            boolean unlimited = false;
            if (amountText != null) {
                Matcher m = QUANTITY.matcher(amountText);
                if (!m.matches()) {
                    node.problem(node.node("amount"), "amount '" + amountText
                            + "' must be a number and a unit (200 min, 100 sms, 30 GiB, 200 RUB) or 'unlimited <unit>'");
                } else {
                    unlimited = m.group(1).equals("unlimited");
                    String unitWord = m.group(2);
                    try {
                        unit = unitOf(unitWord);
                        if (!unlimited) {
                            amount = unit == UsageUnit.MONEY ? Money.parseScaled(m.group(1)) : unitsOf(m.group(1), unitWord);
                        }
                        if (unit == UsageUnit.MONEY && Currency.fromCode(unitWord.toUpperCase(Locale.ROOT)) != currency) {
                            node.problem(node.node("amount"), "a money allowance is in the plan's currency " + currency);
                        }
                    } catch (IllegalArgumentException e) {
                        node.problem(node.node("amount"), e.getMessage());
                    }
                }
            }
            BucketScope scope = one(node, "scope", BucketScope.class, BucketScope.NUMBER);
            BucketStart start = one(node, "starts", BucketStart.class, BucketStart.PERIOD_START);
            Set<NumberKind> kinds = enums(node, "number-kinds", NumberKind.class);
            node.finish("an allowance", "id", "description", "amount", "scope", "starts", "number-kinds");
            if (id == null || unit == null || scope == null || start == null) {
                return null;
            }
            try {
                return new AllowanceBucket(id, description == null ? id : description, unit, amount, unlimited, scope, start, kinds);
            } catch (IllegalArgumentException e) {
                node.problem(e.getMessage());
                return null;
            }
        }

        private UsageRule rule(YamlObject node, Set<String> rateIds, Map<String, UsageUnit> buckets) {
            String code = node.code("charge");
            String description = node.string("description", false);
            Service service = one(node, "service", Service.class, null);
            if (service == null && node.has("service")) {
                return null;
            }
            if (service == null) {
                node.problem("missing required key 'service' (VOICE, SMS or DATA)");
            }
            Set<Direction> directions = enums(node, "directions", Direction.class);
            Set<NumberKind> kinds = enums(node, "number-kinds", NumberKind.class);
            List<String> classes = node.strings("to");
            for (String className : classes) {
                if (!classNames.contains(className)) {
                    node.problem(node.node("to"), "unknown destination class '" + className + "'; this plan's classes: "
                            + String.join(", ", new java.util.TreeSet<>(classNames)));
                }
            }
            ChargingIncrement increment = ChargingIncrement.EXACT;
            String incrementText = node.string("increment", false);
            if (incrementText != null) {
                Matcher m = INCREMENT.matcher(incrementText);
                if (m.matches() && Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(2)) > 0) {
                    increment = new ChargingIncrement(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                } else {
                    node.problem(node.node("increment"), "increment '" + incrementText
                            + "' must be first/next billed units, such as 60/60, 1/1 or 30/6");
                }
            }
            List<String> draw = node.strings("draw");
            if (draw.size() > RatingTable.MAX_BUCKETS_PER_RULE) {
                node.problem(node.node("draw"), "a rule draws on at most " + RatingTable.MAX_BUCKETS_PER_RULE + " allowances");
            }
            for (String bucketId : draw) {
                UsageUnit unit = buckets.get(bucketId);
                if (unit == null) {
                    node.problem(node.node("draw"), "unknown allowance '" + bucketId + "'; this version's allowances: "
                            + String.join(", ", buckets.keySet()));
                } else if (service != null && unit != UsageUnit.MONEY && unit != RatingTable.unitOf(service)) {
                    node.problem(node.node("draw"), "allowance '" + bucketId + "' counts " + unit.name().toLowerCase(Locale.ROOT)
                            + " but " + service + " usage is counted in " + RatingTable.unitOf(service).name().toLowerCase(Locale.ROOT));
                }
            }
            WhenExhausted then = one(node, "then", WhenExhausted.class, WhenExhausted.CHARGE);
            String rateId = node.string("rate", false);
            if (then == WhenExhausted.CHARGE && rateId == null) {
                node.problem("a rule that charges needs 'rate: <rate id>' (or 'then: free', 'throttle' or 'refuse')");
            }
            if (then != WhenExhausted.CHARGE && rateId != null) {
                node.problem(node.node("rate"), "'rate' is only used with 'then: charge'");
            }
            if (rateId != null && !rateIds.contains(rateId)) {
                node.problem(node.node("rate"), "unknown rate '" + rateId + "'; this version's rates: " + String.join(", ", rateIds));
            }
            node.finish("a rule", "charge", "description", "service", "directions", "number-kinds", "to", "increment",
                    "draw", "then", "rate");
            if (code == null || service == null || then == null || (then == WhenExhausted.CHARGE && rateId == null)) {
                return null; // the problem is recorded above
            }
            return new UsageRule(code, description == null ? code : description, service, directions, kinds,
                    new HashSet<>(classes), increment, draw, then, then == WhenExhausted.CHARGE ? rateId : null);
        }

        private RecurringFee fee(YamlObject node) {
            String code = node.code("code");
            String description = node.string("description", false);
            String unitLabel = node.string("unit", false);
            long price = money(node, "price", true);
            ResourceCount counts = ResourceCount.PACKAGE;
            String countsText = node.string("counts", false);
            if (countsText != null) {
                Matcher m = COUNTS.matcher(countsText.replace(" ", ""));
                if (!m.matches()) {
                    node.problem(node.node("counts"), "counts '" + countsText
                            + "' must be package, numbers(KIND, ...), option(option-id) or minimum-total");
                } else if (m.group(1).equals("minimum-total")) {
                    counts = ResourceCount.MINIMUM_TOTAL;
                } else if (m.group(1).equals("numbers")) {
                    Set<NumberKind> kinds = EnumSet.noneOf(NumberKind.class);
                    for (String kind : (m.group(2) == null ? "" : m.group(2)).split(",")) {
                        try {
                            kinds.add(NumberKind.valueOf(kind.trim()));
                        } catch (IllegalArgumentException e) {
                            node.problem(node.node("counts"), "unknown number kind '" + kind + "'; expected "
                                    + List.of(NumberKind.values()));
                        }
                    }
                    if (!kinds.isEmpty()) {
                        counts = ResourceCount.numbers(kinds);
                    }
                } else if (m.group(1).equals("option")) {
                    if (m.group(2) == null || m.group(2).isBlank()) {
                        node.problem(node.node("counts"), "option(...) must name the option id");
                    } else {
                        counts = ResourceCount.option(m.group(2).trim());
                    }
                }
            }
            long included = integer(node, "included", 0);
            long maxAbove = integer(node, "max-above", -1);
            FeeTiming timing = one(node, "billed", FeeTiming.class, FeeTiming.IN_ADVANCE);
            Proration proration = one(node, "proration", Proration.class, Proration.NONE);
            if (timing == FeeTiming.IN_ADVANCE && proration == Proration.DAILY_EXCEPT_DEBT) {
                node.problem(node.node("proration"), "a fee billed in advance is charged in full; daily proration needs 'billed: in-arrears'");
            }
            // a fee counted day by day is charged for the days held: that is its partial month too
            boolean byDays = proration == Proration.DAILY_EXCEPT_DEBT || proration == Proration.DAILY;
            PartialMonth partialMonth = one(node, "partial-month", PartialMonth.class, byDays ? PartialMonth.DAILY : PartialMonth.FULL);
            if (byDays && partialMonth == PartialMonth.FULL) {
                node.problem(node.node("partial-month"), "a fee with proration " + (proration == Proration.DAILY ? "daily" : "daily-except-debt")
                        + " is charged for the days held; its partial-month is daily or from-next-month, not full");
            }
            node.finish("a fee", "code", "description", "unit", "price", "counts", "included", "max-above", "billed", "proration",
                    "partial-month");
            if (code == null || timing == null || proration == null || partialMonth == null) {
                return null;
            }
            try {
                return new RecurringFee(code, description == null ? code : description, unitLabel == null ? "мес" : unitLabel,
                        price, counts, included, maxAbove, timing, proration, partialMonth);
            } catch (IllegalArgumentException e) {
                node.problem(e.getMessage());
                return null;
            }
        }

        private OneTimeFee oneTimeFee(YamlObject node) {
            String code = node.code("code");
            String description = node.string("description", false);
            Set<NumberKind> kinds = enums(node, "number-kinds", NumberKind.class);
            Map<String, Long> byPrefix = new LinkedHashMap<>();
            for (Map.Entry<String, Node> entry : node.pairs("price-by-prefix").entrySet()) {
                String price = node.scalar(entry.getValue(), "price-by-prefix");
                if (!entry.getKey().chars().allMatch(Character::isDigit) || price == null) {
                    node.problem(entry.getValue(), "price-by-prefix maps a prefix of digits to a price, such as \"7495\": 2500");
                    continue;
                }
                try {
                    byPrefix.put(entry.getKey(), Money.parseScaled(price));
                } catch (IllegalArgumentException e) {
                    node.problem(entry.getValue(), e.getMessage());
                }
            }
            long defaultPrice = node.has("price") ? money(node, "price", true) : -1;
            if (byPrefix.isEmpty() && defaultPrice < 0) {
                node.problem("a one-time fee needs 'price' or 'price-by-prefix'");
            }
            node.finish("a one-time fee", "code", "description", "number-kinds", "price", "price-by-prefix");
            if (code == null) {
                return null;
            }
            return new OneTimeFee(code, description == null ? code : description, kinds, byPrefix, defaultPrice);
        }

        private int problemCount() {
            return yaml.problems().size();
        }

        private long money(YamlObject node, String key, boolean required) {
            String text = node.string(key, required);
            if (text == null) {
                return 0;
            }
            try {
                long value = Money.parseScaled(text);
                if (value < 0) {
                    node.problem(node.node(key), "'" + key + "' may not be negative");
                }
                return value;
            } catch (IllegalArgumentException e) {
                node.problem(node.node(key), "'" + key + "': " + e.getMessage() + "; expected a decimal such as 18 or 3.50");
                return 0;
            }
        }

        private int integer(YamlObject node, String key, int absent) {
            String text = node.string(key, false);
            if (text == null) {
                return absent;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                node.problem(node.node(key), "'" + key + "' must be a whole number, got '" + text + "'");
                return absent;
            }
        }

        private LocalDate date(YamlObject node, String key, boolean required) {
            String text = node.string(key, required);
            if (text == null) {
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(text);
                if (DateSyntax.usable(date)) {
                    return date;
                }
            } catch (DateTimeException e) {
                // said below
            }
            node.problem(node.node(key), "'" + key + "' must be " + DateSyntax.RULE + ", got '" + text + "'");
            return null;
        }

        private int minuteOfDay(YamlObject node, String key) {
            String text = node.string(key, true);
            if (text == null) {
                return 0;
            }
            Matcher m = TIME.matcher(text);
            if (!m.matches() || (m.group(1).equals("24") && !m.group(2).equals("00"))) {
                node.problem(node.node(key), "'" + key + "' must be a local time HH:MM, got '" + text + "'");
                return 0;
            }
            return Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
        }

        private <E extends Enum<E>> E one(YamlObject node, String key, Class<E> type, E absent) {
            String text = node.string(key, false);
            if (text == null) {
                return absent;
            }
            E value = enumValue(type, text);
            if (value == null) {
                node.problem(node.node(key), "unknown " + key + " '" + text + "'; expected one of " + enumWords(type));
            }
            return value;
        }

        private <E extends Enum<E>> Set<E> enums(YamlObject node, String key, Class<E> type) {
            Set<E> out = EnumSet.noneOf(type);
            for (String text : node.strings(key)) {
                E value = enumValue(type, text);
                if (value == null) {
                    node.problem(node.node(key), "unknown " + key + " value '" + text + "'; expected " + enumWords(type));
                } else {
                    out.add(value);
                }
            }
            return out;
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        String name = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> String enumWords(Class<E> type) {
        List<String> words = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            boolean upper = type == Service.class || type == Direction.class || type == NumberKind.class;
            String word = constant.name();
            words.add(upper ? word : word.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return String.join(", ", words);
    }

    private static UsageUnit unitOf(String word) {
        switch (word) {
            case "s": case "sec": case "min": case "h":
                return UsageUnit.SECONDS;
            case "sms":
                return UsageUnit.SMS;
            case "B": case "KiB": case "MiB": case "GiB":
                return UsageUnit.BYTES;
            default:
                try {
                    Currency.fromCode(word.toUpperCase(Locale.ROOT));
                    return UsageUnit.MONEY;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown unit '" + word
                            + "'; expected s, min, h, sms, B, KiB, MiB, GiB or the plan's currency (GB and MB are ambiguous: write GiB or MiB)");
                }
        }
    }

    private static long unitsOf(String number, String word) {
        long multiplier;
        switch (word) {
            case "min": multiplier = 60; break;
            case "h": multiplier = 3600; break;
            case "KiB": multiplier = 1L << 10; break;
            case "MiB": multiplier = 1L << 20; break;
            case "GiB": multiplier = 1L << 30; break;
            default: multiplier = 1;
        }
        java.math.BigDecimal units = new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(multiplier));
        try {
            return units.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + number + " " + word + "' is not a whole number of " + (multiplier == 1 ? word : "units"));
        }
    }
}
