package dev.ratel.formats.reference;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.CustomerDirectory;
import dev.ratel.core.account.Requisites;
import dev.ratel.core.account.Placement;
import dev.ratel.core.account.Subscription;
import dev.ratel.core.tariff.OneTimeFee;
import dev.ratel.core.account.Payment;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.NumberStatus;
import dev.ratel.core.charge.OptionHolding;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.RecurringFee;
import dev.ratel.core.tariff.ResourceCount;
import dev.ratel.core.tariff.TariffPlan;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads a reference-data directory (the contract's {@code accounts.csv} and {@code numbers.csv},
 * and the optional {@code number-status.csv}, {@code account-options.csv}, {@code payments.csv})
 * and checks it against the tariffs: every problem is reported as {@code file:line: what is wrong;
 * the fix}, and nothing is returned unless all is well. Unknown extra columns are ignored.
 */
public final class ReferenceDataLoader {
    /** The syntax of account and subscription ids: what the invoice tables, file names and dictionaries take as they are. */
    private final Map<String, TariffPlan> plans;
    private final List<String> problems = new ArrayList<>();

    public ReferenceDataLoader(Map<String, TariffPlan> plans) {
        this.plans = plans;
    }

    public ReferenceData load(Path directory) throws ReferenceValidationException {
        problems.clear();
        this.directory = directory;
        Map<String, Account> accounts = new LinkedHashMap<>();
        Map<String, Long> accountLines = new HashMap<>();
        Set<String> declaredAccounts = new java.util.HashSet<>();
        Path accountsFile = directory.resolve("accounts.csv");
        for (Row row : rows(accountsFile, true, "account_id", "customer_name", "tax_id", "payment_method", "opened_on")) {
            String id = row.id("account_id");
            if (id != null) {
                declaredAccounts.add(id);
            }
            String plan = row.value("plan_id");
            if (plan != null && plan.isEmpty()) {
                plan = null;
            }
            if (plan != null && !plans.containsKey(plan)) {
                row.problem("plan_id '" + plan + "' is not in the tariffs; known plans: " + String.join(", ", new TreeSet<>(plans.keySet())));
            }
            PaymentMethod method = row.enumValue("payment_method", PaymentMethod.class);
            LocalDate opened = row.date("opened_on", true);
            LocalDate closed = row.date("closed_on", false);
            if (opened != null && closed != null && closed.isBefore(opened)) {
                row.problem("closed_on " + closed + " is before opened_on " + opened);
                closed = null;
            }
            String name = row.required("customer_name");
            String taxId = row.value("tax_id");
            if (taxId != null && !taxId.isEmpty() && !taxId.chars().allMatch(Character::isDigit)) {
                row.problem("tax_id '" + taxId + "' must be digits (a BIN or INN)");
            }
            if (id != null && accounts.containsKey(id)) {
                row.problem("account_id '" + id + "' appears twice; each account has one row");
            } else if (id != null && (plan == null || plans.containsKey(plan)) && method != null && opened != null && name != null) {
                accounts.put(id, new Account(id, name, taxId == null ? "" : taxId, plan, method, opened, closed));
                accountLines.put(id, row.line);
            }
        }

        Subscriptions subscriptions = subscriptions(directory, accounts, accountLines, declaredAccounts);
        Map<String, List<NumberRow>> numbers = numberRows(directory, declaredAccounts, subscriptions);

        Map<String, List<NumberHolding.StatusChange>> statuses = new HashMap<>();
        for (Row row : rows(directory.resolve("number-status.csv"), false, "number", "status", "from")) {
            String number = row.number("number");
            if (number != null && !numbers.containsKey(number)) {
                row.problem("number " + number + " is not in numbers.csv");
            }
            NumberStatus status = row.enumValue("status", NumberStatus.class);
            LocalDate from = row.date("from", true);
            if (number != null && status != null && from != null) {
                statuses.computeIfAbsent(number, n -> new ArrayList<>()).add(new NumberHolding.StatusChange(from, status));
            }
        }

        Map<String, List<OptionHolding>> options = new HashMap<>();
        for (Row row : rows(directory.resolve("account-options.csv"), false, "account_id", "option_id", "quantity", "from", "to")) {
            String account = row.knownAccount(declaredAccounts);
            String option = row.required("option_id");
            Long quantity = row.wholeNumber("quantity");
            LocalDate from = row.date("from", true);
            LocalDate to = row.date("to", false);
            if (account != null && option != null && accounts.containsKey(account)) {
                // Only for accounts whose row was valid: a broken row's plan is already reported.
                Set<String> counted = new TreeSet<>();
                Set<String> held = new TreeSet<>();
                for (Subscription subscription : subscriptions.of(account)) {
                    held.add(subscription.planId());
                    counted.addAll(countedOptions(plans.get(subscription.planId())));
                }
                if (!held.isEmpty() && !counted.contains(option)) {
                    row.problem("option '" + option + "' is not charged by plan " + String.join(", ", held)
                            + (counted.isEmpty() ? ", which counts no options" : "; it counts: " + String.join(", ", counted)));
                }
            }
            if (from != null && to != null && to.isBefore(from)) {
                row.problem("to " + to + " is before from " + from);
            }
            if (account != null && option != null && quantity != null && from != null) {
                options.computeIfAbsent(account, a -> new ArrayList<>()).add(new OptionHolding(option, quantity, from, to));
            }
        }

        Map<String, List<Payment>> payments = new HashMap<>();
        for (Row row : rows(directory.resolve("payments.csv"), false, "account_id", "paid_on", "amount", "reference")) {
            String account = row.knownAccount(declaredAccounts);
            LocalDate paidOn = row.date("paid_on", true);
            Long amountMinor = row.money("amount");
            if (account != null && paidOn != null && amountMinor != null) {
                payments.computeIfAbsent(account, a -> new ArrayList<>()).add(new Payment(account, paidOn, amountMinor, row.value("reference")));
            }
        }
        CustomerDirectory customers = customers(directory, accounts, declaredAccounts, subscriptions);
        List<NumberHolding> holdings = place(numbers, statuses, accounts, subscriptions);
        if (!problems.isEmpty()) {
            throw new ReferenceValidationException(List.copyOf(problems));
        }
        return ReferenceData.of(accounts, subscriptions.all(), holdings, options, payments).withCustomers(customers);
    }

    /**
     * {@code customers.csv}: the legal details documents print for an account's customer, at most one row per account.
     * Everything given is checked by the rules of the country the account's plan is taxed in, and so is the account's
     * tax_id in accounts.csv: a customer with full details is one whose documents go to tax authorities and EDO.
     */
    private CustomerDirectory customers(Path directory, Map<String, Account> accounts, Set<String> declaredAccounts,
                                        Subscriptions subscriptions) {
        CustomerDirectory customers = new CustomerDirectory();
        for (Row row : rows(directory.resolve("customers.csv"), false, "account_id")) {
            String account = row.knownAccount(declaredAccounts);
            Requisites requisites = new Requisites(row.value("legal_address"), row.value("kpp"), row.value("bank_name"),
                    row.value("bank_bic"), row.value("correspondent_account"), row.value("bank_account"), row.value("kbe"),
                    row.value("knp"), row.value("email"));
            String contractNo = row.value("contract_no");
            LocalDate contractDate = row.date("contract_date", false);
            if (contractNo != null && !contractNo.isEmpty() && contractDate == null) {
                row.problem("contract_date is empty; contract " + contractNo + " needs the date it was signed (YYYY-MM-DD)");
            }
            if (account == null || !accounts.containsKey(account)) {
                continue; // an unknown account is reported; one whose own row is broken is reported there
            }
            if (customers.contains(account)) {
                row.problem("account_id '" + account + "' appears twice; each account has at most one row");
                continue;
            }
            List<Subscription> held = subscriptions.of(account);
            String jurisdiction = held.isEmpty() ? null : plans.get(held.get(0).planId()).taxJurisdiction();
            if (jurisdiction != null) {
                for (Requisites.Problem problem : requisites.problems(jurisdiction, accounts.get(account).taxId())) {
                    row.problem(problem.field().equals("tax_id")
                            ? "the account's tax_id in accounts.csv: " + problem.message() + " (fix it there)"
                            : problem.field() + ": " + problem.message());
                }
            }
            // the account's own id instance as the key, the values packed (see CustomerDirectory)
            String id = accounts.get(account).id();
            customers.put(id, new CustomerDetails(id, requisites, contractNo, contractDate, row.value("signer_position"), row.value("signer_name")));
        }
        return customers;
    }

    /** The subscriptions of each account: its own (the one-plan form's plan_id) and those of subscriptions.csv. */
    private final class Subscriptions {
        final Map<String, Subscription> byId = new LinkedHashMap<>();
        final Map<String, List<Subscription>> byAccount = new HashMap<>();

        void add(Subscription subscription) {
            byId.put(subscription.id(), subscription);
            byAccount.computeIfAbsent(subscription.accountId(), a -> new ArrayList<>()).add(subscription);
        }

        List<Subscription> of(String account) {
            return byAccount.getOrDefault(account, List.of());
        }

        List<Subscription> accountWide(String account) {
            List<Subscription> wide = new ArrayList<>();
            for (Subscription subscription : of(account)) {
                if (subscription.accountWide()) {
                    wide.add(subscription);
                }
            }
            return wide;
        }

        List<Subscription> all() {
            return new ArrayList<>(byId.values());
        }
    }

    private Subscriptions subscriptions(Path directory, Map<String, Account> accounts, Map<String, Long> accountLines,
                                        Set<String> declaredAccounts) {
        Subscriptions subscriptions = new Subscriptions();
        Map<String, String> whereDefined = new HashMap<>();
        for (Account account : accounts.values()) {
            if (account.ownSubscription() != null) {
                subscriptions.add(account.ownSubscription());
                whereDefined.put(account.id(), directory.resolve("accounts.csv") + ":" + accountLines.get(account.id()));
            }
        }
        for (Row row : rows(directory.resolve("subscriptions.csv"), false, "subscription_id", "account_id", "plan_id", "from", "to")) {
            String id = row.id("subscription_id");
            String account = row.knownAccount(declaredAccounts);
            String plan = row.required("plan_id");
            if (plan != null && !plans.containsKey(plan)) {
                row.problem("plan_id '" + plan + "' is not in the tariffs; known plans: " + String.join(", ", new TreeSet<>(plans.keySet())));
                plan = null;
            }
            LocalDate from = row.date("from", true);
            LocalDate to = row.date("to", false);
            if (from != null && to != null && to.isBefore(from)) {
                row.problem("to " + to + " is before from " + from);
                to = null;
            }
            String covers = row.value("covers");
            boolean accountWide = covers == null || covers.isEmpty() || covers.equals("account");
            if (covers != null && !covers.isEmpty() && !covers.equals("account") && !covers.equals("numbers")) {
                row.problem("covers '" + covers + "' is not one of account (every number of the account that names no"
                        + " subscription), numbers (the numbers that name it in numbers.csv)");
            }
            if (id != null && whereDefined.containsKey(id)) {
                row.problem("subscription_id '" + id + "' is already defined at " + whereDefined.get(id)
                        + (accounts.containsKey(id) ? " (an account with a plan_id holds it as its own subscription)" : "")
                        + "; give each subscription an id of its own");
                continue;
            }
            Account holder = account == null ? null : accounts.get(account);
            if (holder != null && from != null && (from.isBefore(holder.openedOn()) || (holder.closedOn() != null
                    && (to == null || to.isAfter(holder.closedOn()))))) {
                row.problem("the subscription runs from " + from + (to == null ? "" : " to " + to) + ", outside account " + account
                        + "'s open dates (" + holder.openedOn() + (holder.closedOn() == null ? " on" : " to " + holder.closedOn())
                        + "); end it by the account's closed_on and start it on or after its opened_on");
            }
            if (id != null && holder != null && plan != null && from != null) {
                subscriptions.add(new Subscription(id, account, plan, from, to, accountWide));
                whereDefined.put(id, directory.resolve("subscriptions.csv") + ":" + row.line);
            }
        }
        for (Map.Entry<String, List<Subscription>> entry : subscriptions.byAccount.entrySet()) {
            checkOneInvoice(entry.getKey(), entry.getValue(), whereDefined);
            List<Subscription> wide = new ArrayList<>();
            for (Subscription subscription : entry.getValue()) {
                if (subscription.accountWide()) {
                    wide.add(subscription);
                }
            }
            wide.sort(java.util.Comparator.comparing(Subscription::from));
            for (int i = 1; i < wide.size(); i++) {
                Subscription before = wide.get(i - 1);
                if (before.to() == null || !before.to().isBefore(wide.get(i).from())) {
                    problems.add(whereDefined.get(wide.get(i).id()) + ": subscription " + wide.get(i).id() + " covers account "
                            + entry.getKey() + " from " + wide.get(i).from() + ", while " + before.id() + " (" + whereDefined.get(before.id())
                            + ") still does; an account holds one account-wide plan at a time: end " + before.id() + " the day before");
                }
            }
        }
        return subscriptions;
    }

    /** An account's invoice has one currency, one tax jurisdiction and one seller's series: so must its plans. */
    private void checkOneInvoice(String account, List<Subscription> held, Map<String, String> whereDefined) {
        TariffPlan first = plans.get(held.get(0).planId());
        for (Subscription subscription : held) {
            TariffPlan plan = plans.get(subscription.planId());
            if (plan.currency() != first.currency() || !plan.taxJurisdiction().equals(first.taxJurisdiction())
                    || !plan.seller().invoiceSeries().equals(first.seller().invoiceSeries())) {
                problems.add(whereDefined.get(subscription.id()) + ": account " + account + " holds plan " + plan.id() + " ("
                        + plan.currency() + ", " + plan.taxJurisdiction() + ", series " + plan.seller().invoiceSeries() + ") beside "
                        + first.id() + " (" + first.currency() + ", " + first.taxJurisdiction() + ", series "
                        + first.seller().invoiceSeries() + "); one invoice has one currency, tax and seller: hold them on two accounts");
                return;
            }
        }
    }

    private record NumberRow(long line, String number, String account, NumberKind kind, LocalDate from, LocalDate to, String subscription) {
    }

    /** The rows of numbers.csv by number, each number's by start date; rows of one number must not overlap. */
    private Map<String, List<NumberRow>> numberRows(Path directory, Set<String> declaredAccounts, Subscriptions subscriptions) {
        Path file = directory.resolve("numbers.csv");
        Map<String, List<NumberRow>> numbers = new LinkedHashMap<>();
        for (Row row : rows(file, true, "number", "account_id", "kind", "active_from", "active_to")) {
            String number = row.number("number");
            String account = row.knownAccount(declaredAccounts);
            NumberKind kind = row.enumValue("kind", NumberKind.class);
            LocalDate from = row.date("active_from", true);
            LocalDate to = row.date("active_to", false);
            if (from != null && to != null && to.isBefore(from)) {
                row.problem("active_to " + to + " is before active_from " + from);
                continue;
            }
            String subscription = row.value("subscription_id");
            if (subscription != null && subscription.isEmpty()) {
                subscription = null;
            }
            if (subscription != null && account != null) {
                Subscription named = subscriptions.byId.get(subscription);
                if (named == null) {
                    row.problem("subscription_id '" + subscription + "' is not in subscriptions.csv");
                    continue;
                }
                if (!named.accountId().equals(account)) {
                    row.problem("subscription " + subscription + " is held by account " + named.accountId() + ", not " + account
                            + "; a number is held on a subscription of its own account");
                    continue;
                }
            }
            if (number != null && account != null && kind != null && from != null) {
                List<NumberRow> rows = numbers.computeIfAbsent(number, n -> new ArrayList<>(1));
                NumberRow added = new NumberRow(row.line, number, account, kind, from, to, subscription);
                for (NumberRow other : rows) {
                    boolean overlap = !other.from().isAfter(to == null ? LocalDate.MAX : to)
                            && (other.to() == null || !other.to().isBefore(from));
                    if (overlap) {
                        row.problem("number " + number + " is already held on these days by line " + other.line()
                                + "; a number is held by one account at a time: end one row the day before the other starts");
                        added = null;
                        break;
                    }
                }
                if (added != null) {
                    rows.add(added);
                }
            }
        }
        return numbers;
    }

    /**
     * Each number row placed on the subscriptions that hold it (the one it names, or its account's account-wide
     * ones, split where the account changes plan); a day no subscription covers, or a connection the plan has
     * no price for, is a problem.
     */
    private List<NumberHolding> place(Map<String, List<NumberRow>> numbers, Map<String, List<NumberHolding.StatusChange>> statuses,
                                      Map<String, Account> accounts, Subscriptions subscriptions) {
        List<NumberHolding> placed = new ArrayList<>();
        for (List<NumberRow> unsorted : numbers.values()) {
            List<NumberRow> rows = new ArrayList<>(unsorted);
            rows.sort(java.util.Comparator.comparing(NumberRow::from));
            List<NumberHolding> ofNumber = new ArrayList<>();
            Map<LocalDate, Long> lineOfStart = new HashMap<>();
            String previousAccount = null;
            for (NumberRow row : rows) {
                // a number moved to another account starts there unblocked: its old account's statuses are not the new one's
                List<NumberHolding.StatusChange> changes = statuses.getOrDefault(row.number(), List.of());
                if (!row.account().equals(previousAccount)) {
                    changes = changes.stream().filter(change -> !change.from().isBefore(row.from())).toList();
                }
                previousAccount = row.account();
                Account account = accounts.get(row.account());
                if (account == null) {
                    continue; // its row in accounts.csv is reported
                }
                String where = fileOf("numbers.csv") + ":" + row.line() + ": ";
                if (row.from().isBefore(account.openedOn()) || (account.closedOn() != null
                        && (row.to() == null || row.to().isAfter(account.closedOn())))) {
                    problems.add(where + "number " + row.number() + " is active from " + row.from() + (row.to() == null ? "" : " to " + row.to())
                            + ", outside account " + account.id() + "'s open dates (" + account.openedOn()
                            + (account.closedOn() == null ? " on" : " to " + account.closedOn()) + "); set its active_to by the account's closed_on");
                    continue;
                }
                List<Subscription> candidates = row.subscription() != null ? List.of(subscriptions.byId.get(row.subscription()))
                        : subscriptions.accountWide(row.account());
                List<Placement.Span> spans = Placement.spans(row.from(), row.to(), candidates);
                LocalDate uncovered = Placement.firstUncovered(row.from(), row.to(), spans);
                if (uncovered != null) {
                    problems.add(where + "number " + row.number() + " is active on " + uncovered + ", when "
                            + (row.subscription() != null ? "its subscription " + row.subscription() + " is not in force"
                            : "account " + row.account() + " holds no account-wide plan")
                            + "; give the account a plan for those days (plan_id in accounts.csv or a row of subscriptions.csv)"
                            + " or end the number earlier");
                    continue;
                }
                NumberHolding raw = new NumberHolding(row.number(), row.kind(), row.from(), row.to(), changes);
                for (Placement.Span span : spans) {
                    ofNumber.add(raw.on(row.account(), span.subscription().id(), span.from(), span.to(), false));
                    lineOfStart.put(span.from(), row.line());
                }
            }
            for (NumberHolding holding : Placement.markContinuations(ofNumber)) {
                checkConnectionPriced(holding, lineOfStart.get(holding.activeFrom()), subscriptions);
                placed.add(holding);
            }
        }
        return placed;
    }

    /** A number connected onto a plan whose connection fee has no price for it would stop its account's invoice: say so now. */
    private void checkConnectionPriced(NumberHolding holding, long line, Subscriptions subscriptions) {
        if (!holding.connectedHere()) {
            return;
        }
        TariffPlan plan = plans.get(subscriptions.byId.get(holding.subscriptionId()).planId());
        for (PlanVersion version : plan.versions()) {
            if (!version.inForceOn(holding.activeFrom())) {
                continue;
            }
            for (OneTimeFee fee : version.oneTimeFees()) {
                if (fee.numberKinds().contains(holding.kind()) && fee.priceFor(holding.number()) < 0) {
                    problems.add(fileOf("numbers.csv") + ":" + line + ": number " + holding.number() + " connects on " + holding.activeFrom()
                            + " to plan " + plan.id() + ", whose one-time fee " + fee.code() + " has no price for it (priced by prefix: "
                            + String.join(", ", new TreeSet<>(fee.priceByPrefixScaled().keySet())) + "); add its code to the fee's"
                            + " price-by-prefix or give the fee a price in the tariff file, or hold the number on another plan");
                }
            }
        }
    }

    private Path directory;

    private String fileOf(String name) {
        return directory.resolve(name).toString();
    }

    /** The option ids any fee of any version of the plan counts. */
    private static Set<String> countedOptions(TariffPlan plan) {
        Set<String> counted = new TreeSet<>();
        if (plan != null) {
            for (PlanVersion version : plan.versions()) {
                for (RecurringFee fee : version.fees()) {
                    if (fee.counts().kind() == ResourceCount.Kind.OPTION) {
                        counted.add(fee.counts().optionId());
                    }
                }
            }
        }
        return counted;
    }


    /**
     * The file's rows, read as they are asked for: a million numbers' rows held at once took 360 MB
     * of heap before the first was used. A file that cannot be read is a problem, and no (more) rows.
     */
    private Iterable<Row> rows(Path file, boolean required, String... columns) {
        if (!Files.exists(file)) {
            if (required) {
                problems.add(file + ":0: missing; a reference directory needs " + file.getFileName() + " with the columns "
                        + String.join(", ", columns));
            }
            return List.of();
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get();
        Reader reader = null;
        CSVParser parser;
        Map<String, Integer> header = new HashMap<>();
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            parser.getHeaderMap().forEach((name, index) -> header.put(name.replace("\uFEFF", "").trim(), index));
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            closeQuietly(reader);
            problems.add(ReferenceDataException.unreadable(file, 1, e).getMessage());
            return List.of();
        } catch (IllegalArgumentException e) {
            closeQuietly(reader);
            problems.add(ReferenceDataException.badHeader(file, e, columns).getMessage());
            return List.of();
        }
        boolean complete = true;
        for (String column : columns) {
            if (!header.containsKey(column)) {
                problems.add(file + ":1: missing required column '" + column + "'; the header must name " + String.join(", ", columns));
                complete = false;
            }
        }
        if (!complete) {
            closeQuietly(parser);
            return List.of();
        }
        java.util.Iterator<CSVRecord> records = parser.iterator();
        return () -> new java.util.Iterator<>() {
            private boolean open = true;

            @Override
            public boolean hasNext() {
                if (!open) {
                    return false;
                }
                try {
                    if (records.hasNext()) {
                        return true;
                    }
                } catch (java.io.UncheckedIOException | IllegalStateException e) {
                    problems.add(ReferenceDataException.unreadable(file, parser.getCurrentLineNumber() + 1, e).getMessage());
                }
                open = false;
                closeQuietly(parser);
                return false;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return new Row(file, parser.getCurrentLineNumber(), records.next(), header);
            }
        };
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // only read from: nothing is lost
            }
        }
    }

    /** One row, with helpers that record problems against its line. */
    private final class Row {
        final Path file;
        final long line;
        final CSVRecord record;
        final Map<String, Integer> header;

        Row(Path file, long line, CSVRecord record, Map<String, Integer> header) {
            this.file = file;
            this.line = line;
            this.record = record;
            this.header = header;
        }

        void problem(String message) {
            problems.add(file + ":" + line + ": " + message);
        }

        String value(String column) {
            Integer index = header.get(column);
            if (index == null || index >= record.size()) {
                return null;
            }
            String value = record.get(index).trim();
            TextFileProblem.Located control = TextFileProblem.controlCharacter(value, line);
            if (control != null) {
                problem(column + " " + control.message()); // the load fails; the value goes on to its other checks
            }
            return value;
        }

        /** An id: 1 to 64 characters of letters, digits and {@code . _ -}, not starting with a formula sign. */
        String id(String column) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            if (!IdSyntax.isValid(value)) {
                problem(column + " '" + value + "' is not an id: " + IdSyntax.RULE);
                return null;
            }
            return value;
        }

        String required(String column) {
            String value = value(column);
            if (value == null || value.isEmpty()) {
                problem(column + " is empty; it is required");
                return null;
            }
            return value;
        }

        String number(String column) {
            String value = required(column);
            if (value != null && (value.length() > 16 || value.startsWith("0") || !value.chars().allMatch(Character::isDigit))) {
                problem(column + " '" + value + "' must be 1 to 16 digits in international form without '+' (77011234567)");
                return null;
            }
            return value;
        }

        /** The account id if accounts.csv declares it (its own row may have had problems: they are reported there). */
        String knownAccount(Set<String> declared) {
            String account = required("account_id");
            if (account != null && !declared.contains(account)) {
                problem("account_id '" + account + "' is not in accounts.csv");
                return null;
            }
            return account;
        }

        LocalDate date(String column, boolean required) {
            String value = required ? required(column) : value(column);
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(value);
                if (!DateSyntax.usable(date)) {
                    problem(column + " '" + value + "' is not " + DateSyntax.RULE);
                    return null;
                }
                return date;
            } catch (DateTimeException e) {
                problem(column + " '" + value + "' is not a date YYYY-MM-DD");
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            problem(column + " '" + value + "' is not one of " + String.join(", ", names));
            return null;
        }

        Long wholeNumber(String column) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed < 0) {
                    problem(column + " '" + value + "' may not be negative");
                    return null;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problem(column + " '" + value + "' is not a whole number");
                return null;
            }
        }

        /** A contract money string (a dot, at most two decimals) as minor units. */
        Long money(String column) {
            String value = required(column);
            if (value == null) {
                return null;
            }
            try {
                BigDecimal amount = new BigDecimal(value);
                if (amount.scale() > 2 || amount.signum() <= 0) {
                    problem(column + " '" + value + "' must be a positive amount with at most two decimals, such as 37990.00");
                    return null;
                }
                return amount.movePointRight(2).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                problem(column + " '" + value + "' is not an amount such as 37990.00");
                return null;
            }
        }
    }
}
