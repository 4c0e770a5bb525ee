package dev.ratel.formats.reference;

import dev.ratel.core.account.Account;
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
    private final Map<String, TariffPlan> plans;
    private final List<String> problems = new ArrayList<>();

    public ReferenceDataLoader(Map<String, TariffPlan> plans) {
        this.plans = plans;
    }

    public ReferenceData load(Path directory) throws ReferenceValidationException {
        problems.clear();
        Map<String, Account> accounts = new LinkedHashMap<>();
        Set<String> declaredAccounts = new java.util.HashSet<>();
        for (Row row : rows(directory.resolve("accounts.csv"), true, "account_id", "customer_name", "tax_id", "plan_id",
                "payment_method", "opened_on")) {
            String id = row.required("account_id");
            if (id != null) {
                declaredAccounts.add(id);
            }
            String plan = row.required("plan_id");
            if (plan != null && !plans.containsKey(plan)) {
                row.problem("plan_id '" + plan + "' is not in the tariffs; known plans: " + String.join(", ", new TreeSet<>(plans.keySet())));
            }
            PaymentMethod method = row.enumValue("payment_method", PaymentMethod.class);
            LocalDate opened = row.date("opened_on", true);
            String name = row.required("customer_name");
            String taxId = row.value("tax_id");
            if (taxId != null && !taxId.isEmpty() && !taxId.chars().allMatch(Character::isDigit)) {
                row.problem("tax_id '" + taxId + "' must be digits (a BIN or INN)");
            }
            if (id != null && accounts.containsKey(id)) {
                row.problem("account_id '" + id + "' appears twice; each account has one row");
            } else if (id != null && plan != null && method != null && opened != null && name != null) {
                accounts.put(id, new Account(id, name, taxId == null ? "" : taxId, plan, method, opened));
            }
        }

        Map<String, NumberRow> numbers = new LinkedHashMap<>();
        for (Row row : rows(directory.resolve("numbers.csv"), true, "number", "account_id", "kind", "active_from", "active_to")) {
            String number = row.number("number");
            String account = row.knownAccount(declaredAccounts);
            NumberKind kind = row.enumValue("kind", NumberKind.class);
            LocalDate from = row.date("active_from", true);
            LocalDate to = row.date("active_to", false);
            if (from != null && to != null && to.isBefore(from)) {
                row.problem("active_to " + to + " is before active_from " + from);
            }
            if (number != null && numbers.containsKey(number)) {
                row.problem("number " + number + " appears twice (first on line " + numbers.get(number).line
                        + "); a number belongs to one account: keep one row");
            } else if (number != null && account != null && kind != null && from != null) {
                numbers.put(number, new NumberRow(row.line, number, account, kind, from, to));
            }
        }

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
                Set<String> counted = countedOptions(plans.get(accounts.get(account).planId()));
                if (!counted.contains(option) && plans.containsKey(accounts.get(account).planId())) {
                    row.problem("option '" + option + "' is not charged by plan " + accounts.get(account).planId()
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
        if (!problems.isEmpty()) {
            throw new ReferenceValidationException(List.copyOf(problems));
        }
        Map<String, List<NumberHolding>> byAccount = new LinkedHashMap<>();
        Map<String, String> accountOfNumber = new HashMap<>();
        for (NumberRow n : numbers.values()) {
            byAccount.computeIfAbsent(n.account, a -> new ArrayList<>())
                    .add(new NumberHolding(n.number, n.kind, n.from, n.to, statuses.getOrDefault(n.number, List.of())));
            accountOfNumber.put(n.number, n.account);
        }
        return new ReferenceData(accounts, byAccount, accountOfNumber, options, payments);
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

    private record NumberRow(long line, String number, String account, NumberKind kind, LocalDate from, LocalDate to) {
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
            problems.add(file + ":0: cannot be read as CSV: " + e.getMessage());
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
                    problems.add(file + ":" + parser.getCurrentLineNumber() + ": cannot be read as CSV: " + e.getMessage());
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
            return index == null || index >= record.size() ? null : record.get(index).trim();
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
                return LocalDate.parse(value);
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
