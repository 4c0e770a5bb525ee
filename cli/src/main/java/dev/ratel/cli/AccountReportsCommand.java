package dev.ratel.cli;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.Payment;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.money.Money;
import dev.ratel.formats.csv.SafeCsvPrinter;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.documents.Sheets;
import dev.ratel.jobs.ledger.AccountLedger;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratel numbers} and {@code ratel payments}: the «Кабинет» seed's numbers report and payment history. */
final class AccountReportsCommand {
    private AccountReportsCommand() {
    }

    static LocalDate day(String text, String option) {
        try {
            return text == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageProblem(option + " '" + text + "' is not a date YYYY-MM-DD");
        }
    }

    @Command(name = "numbers", mixinStandardHelpOptions = true,
            description = "Write the numbers report: every number with its account, plan, status and the account's balance on a day, as CSV or XLSX (by the file's extension).",
            footerHeading = "%nExamples:%n", footer = {"  ratel numbers --at 2024-06-30 --tariffs samples/tariffs --reference data/reference --out numbers.xlsx"})
    static final class Numbers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HomeMixin homeOption;

        @Mixin
        JobStoreMixin jobStore;

        @Option(names = "--at", paramLabel = "YYYY-MM-DD", description = "The day (default: today, UTC).")
        String at;

        @Mixin
        ConfigurationMixin configuration;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "numbers.csv or numbers.xlsx.")
        Path out;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws Exception {
            LocalDate day = day(at, "--at");
            boolean xlsx = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx");
            Setup setup = configuration.load();
            Map<String, List<InvoiceStore.Issued>> invoices = new HashMap<>();
            for (InvoiceStore.Issued invoice : jobStore.issuedUpTo(homeOption, day, null)) {
                invoices.computeIfAbsent(invoice.accountId(), k -> new ArrayList<>()).add(invoice);
            }
            List<String[]> rows = new ArrayList<>();
            for (String accountId : new TreeSet<>(setup.reference().accounts().keySet())) {
                Account account = setup.reference().account(accountId);
                long balance = new dev.ratel.jobs.ledger.AdvanceBilling(setup.reference(), setup.plans(), setup.taxes())
                        .ledger(accountId, invoices.getOrDefault(accountId, List.of()), day).balanceAt(day);
                for (NumberHolding number : setup.reference().numbers(accountId)) {
                    if (!number.activeOn(day) && setup.reference().holdingOn(number.number(), day) != null) {
                        continue; // held that day by another holding (another plan or account): that one is listed
                    }
                    if (!number.activeOn(day) && number != latestOfNumberIn(setup.reference().numbers(accountId), number.number())) {
                        continue; // one row per number of the account: its latest holding
                    }
                    String status = number.activeOn(day) ? number.statusOn(day).name() : "NOT_ACTIVE";
                    String planId = setup.reference().subscription(number.subscriptionId()).planId();
                    rows.add(new String[] {number.number(), accountId, account.customerName(), planId, number.kind().name(), status,
                            account.paymentMethod().name(), Money.formatMinor(balance), setup.plans().get(planId).currency().name()});
                }
            }
            String[] header = {"number", "account_id", "customer_name", "plan_id", "kind", "status", "payment_method", "balance", "currency"};
            Path absolute = out.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
            if (xlsx) {
                try (OutputStream stream = Files.newOutputStream(temporary); SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
                    Sheets cells = new Sheets(workbook);
                    Sheet sheet = workbook.createSheet("Номера");
                    Sheets.layout(sheet, 14, 10, 40, 26, 9, 14, 10, 14, 8);
                    cells.header(sheet, 0, header);
                    int rowIndex = 1;
                    for (String[] values : rows) {
                        Row row = sheet.createRow(rowIndex++);
                        for (int i = 0; i < values.length; i++) {
                            if (i == 7) {
                                cells.money(row, i, Money.parseScaled(values[i]) / 100);
                            } else {
                                cells.text(row, i, values[i]);
                            }
                        }
                    }
                    workbook.write(stream);
                }
            } else {
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                     SafeCsvPrinter csv = new SafeCsvPrinter(writer, header)) {
                    for (String[] values : rows) {
                        csv.printRecord((Object[]) values);
                    }
                }
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (!json.print(spec.commandLine().getOut(), JsonOption.summary("day", day.toString(), "numbers", rows.size(), "file", out.toString()))) {
                spec.commandLine().getOut().printf("%d number(s) on %s in %s%n", rows.size(), day, out);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "payments", mixinStandardHelpOptions = true,
            description = "Show an account's payment history over a period: each payment with its date, amount and reference, the payment method and the balance after it.",
            footerHeading = "%nExamples:%n", footer = {"  ratel payments --account A000001 --from 2024-01-01 --to 2024-06-30 --tariffs samples/tariffs --reference data/reference"})
    static final class Payments implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HomeMixin homeOption;

        @Mixin
        JobStoreMixin jobStore;

        @Option(names = "--account", required = true, paramLabel = "ID", description = "The account.")
        String account;

        @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
        String from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (default: today, UTC).")
        String to;

        @Mixin
        ConfigurationMixin configuration;

        @Option(names = "--json", description = "Print the history as one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            LocalDate first = day(from, "--from");
            LocalDate last = day(to, "--to");
            Setup setup = configuration.load();
            Account customer = setup.reference().accounts().get(account);
            if (customer == null) {
                throw new UsageProblem("no account '" + account + "' in " + configuration.reference.resolve("accounts.csv"));
            }
            AccountLedger ledger = new dev.ratel.jobs.ledger.AdvanceBilling(setup.reference(), setup.plans(), setup.taxes())
                    .ledger(account, jobStore.issuedUpTo(homeOption, last, account), last);
            dev.ratel.core.account.Subscription main = setup.reference().mainSubscription(account, last);
            String currency = main == null ? "" : setup.plans().get(main.planId()).currency().name();
            List<Map<String, Object>> payments = new ArrayList<>();
            for (Payment payment : setup.reference().payments(account)) {
                if (!payment.paidOn().isBefore(first) && !payment.paidOn().isAfter(last)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("paid_on", payment.paidOn().toString());
                    row.put("amount", Money.formatMinor(payment.amountMinor()));
                    row.put("reference", payment.reference());
                    row.put("balance_after_day", Money.formatMinor(ledger.balanceAt(payment.paidOn())));
                    payments.add(row);
                }
            }
            payments.sort(java.util.Comparator.comparing(row -> (String) row.get("paid_on")));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("account_id", account);
                object.put("payment_method", customer.paymentMethod().name());
                object.put("currency", currency);
                object.put("payments", payments);
                object.put("balance", Money.formatMinor(ledger.balanceAt(last)));
                out.println(JsonOption.write(object));
                return ExitCodes.OK;
            }
            out.printf("account %s (%s), pays %s; payments %s .. %s, %s%n", account, customer.customerName(),
                    customer.paymentMethod() == dev.ratel.core.account.PaymentMethod.ADVANCE ? "in advance" : "on credit", first, last, currency);
            for (Map<String, Object> row : payments) {
                out.printf("  %s  %14s  %-16s balance after the day %s%n", row.get("paid_on"), row.get("amount"), row.get("reference"),
                        row.get("balance_after_day"));
            }
            out.printf("balance on %s: %s (positive: paid ahead)%n", last, Money.formatMinor(ledger.balanceAt(last)));
            return ExitCodes.OK;
        }
    }

    /** The number's latest holding among an account's holdings (sorted by number, then start). */
    private static NumberHolding latestOfNumberIn(List<NumberHolding> holdings, String number) {
        NumberHolding latest = null;
        for (NumberHolding holding : holdings) {
            if (holding.number().equals(number)) {
                latest = holding;
            }
        }
        return latest;
    }
}
