package dev.ratel.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.jobs.Nights;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two months of an operator whose reference data changes every few days, rated night by night as cron
 * runs it (issue #18): 40 accounts on Keńse 15, Cloud PBX «Микро»/«Стандартный» and «Просто»; accounts
 * opened and closed mid-month, SIMs added, ended and moved between companies, numbers blocked at the
 * customer's request and for debt, Cloud PBX plans changed both ways, a Keńse version that lists its
 * allowances in another order from 16 May and a «Микро» price of 590 from 16 June, advance and credit
 * payers, and a file of May calls delivered after May was closed.
 *
 * <p>Every invoice line is checked against amounts this test works out itself from the seeds' prices
 * and the decisions of docs/seed-rules.md ({@link Oracle}: plain arithmetic over the scenario, nothing of
 * Ratel's rating or charge code), and the same two months rated in one run per month give byte for byte
 * the same invoices.
 */
@Tag("slow")
class MonthSimulationTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final YearMonth MAY = YearMonth.of(2024, 5);
    private static final YearMonth JUNE = YearMonth.of(2024, 6);
    /** The Keńse version from 16 May lists its allowances in reverse order; «Микро» costs 590 from 16 June. */
    private static final LocalDate KENSE_REORDERED = LocalDate.of(2024, 5, 16);
    private static final LocalDate MICRO_590 = LocalDate.of(2024, 6, 16);
    private static final LocalDate MAY_CLOSED = LocalDate.of(2024, 6, 2);
    private static final LocalDate LATE_FILE = LocalDate.of(2024, 6, 10);
    private static final LocalDate JUNE_CLOSED = LocalDate.of(2024, 7, 2);

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- the scenario

    enum Plan {
        KENSE("kense-15", ALMATY), MICRO("cloud-pbx-micro", MOSCOW), STANDARD("cloud-pbx-standard", MOSCOW), PROSTO("prostoy-prosto", MOSCOW);

        final String id;
        final ZoneId zone;

        Plan(String id, ZoneId zone) {
            this.id = id;
            this.zone = zone;
        }
    }

    /** An account; {@code plan} is its one-plan form (null: its plans are subscriptions). */
    record Account(String id, Plan plan, String method, LocalDate opened, LocalDate closed) {
    }

    record Subscription(String id, String account, Plan plan, LocalDate from, LocalDate to) {
    }

    /** A number held by an account from {@code from} to {@code to} (null: open). */
    record Holding(String number, String account, String kind, LocalDate from, LocalDate to) {
        boolean heldOn(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    record Status(String number, String status, LocalDate from) {
    }

    /** One usage record; {@code late}: in the file delivered after May was closed. */
    record Cdr(String id, String service, String direction, String subscriber, String other, LocalDateTime localStart, ZoneId zone,
               int quantity, boolean late) {
        Instant start() {
            return localStart.atZone(zone).toInstant();
        }

        String line() {
            String start = localStart.atZone(zone).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
            return service.equals("SMS") ? String.join(",", id, "sim", service, direction, subscriber, other, start, "", "", Integer.toString(quantity), "GSM7")
                    : String.join(",", id, "sim", service, direction, subscriber, other, start, Integer.toString(quantity), "", "", "");
        }
    }

    private final List<Account> accounts = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Holding> holdings = new ArrayList<>();
    private final List<Status> statuses = new ArrayList<>();
    private final List<Cdr> cdrs = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(18);
    private int nextNumber;
    private int nextCdr;

    private void account(String id, Plan plan, String method, LocalDate opened, LocalDate closed) {
        accounts.add(new Account(id, plan, method, opened, closed));
    }

    private String number(String account, String kind, LocalDate from, LocalDate to, String prefix) {
        String number = prefix + String.format("%05d", nextNumber++);
        holdings.add(new Holding(number, account, kind, from, to));
        return number;
    }

    private void scenario() {
        LocalDate start = LocalDate.of(2024, 1, 1);
        // Keńse 15: K01 has 16 SIMs from 10 May (one above the 15 the fee includes); K03's SIM moves to K04 on 18 May;
        // K06 ends a SIM on 10 June; K07 opens on 15 May; K08 closes on 20 May (and a late May call of it arrives)
        for (int k = 1; k <= 16; k++) {
            String id = String.format("K%02d", k);
            LocalDate opened = k == 7 ? LocalDate.of(2024, 5, 15) : start;
            LocalDate closed = k == 8 ? LocalDate.of(2024, 5, 20) : null;
            account(id, Plan.KENSE, k % 3 == 0 ? "ADVANCE" : "CREDIT", opened, closed);
            int sims = k == 1 ? 15 : 1 + random.nextInt(4);
            for (int s = 0; s < sims; s++) {
                number(id, "MOBILE", opened, closed, "770511");
            }
        }
        number("K01", "MOBILE", LocalDate.of(2024, 5, 10), null, "770511");
        Holding moving = holdings.stream().filter(h -> h.account().equals("K03")).findFirst().orElseThrow();
        holdings.remove(moving);
        holdings.add(new Holding(moving.number(), "K03", "MOBILE", moving.from(), LocalDate.of(2024, 5, 17)));
        holdings.add(new Holding(moving.number(), "K04", "MOBILE", LocalDate.of(2024, 5, 18), null));
        Holding ending = holdings.stream().filter(h -> h.account().equals("K06")).findFirst().orElseThrow();
        holdings.remove(ending);
        holdings.add(new Holding(ending.number(), "K06", "MOBILE", ending.from(), LocalDate.of(2024, 6, 10)));

        // Cloud PBX: C01 «Микро» to «Стандартный» on 12 May, C02 the other way on 8 June; C03 blocked at its request
        // 10-14 May; C04 blocked for debt from 5 June; C05 has two group numbers (one above «Микро»'s one); C06's number
        // connects on 25 May; C07's number ended in March
        for (int c = 1; c <= 12; c++) {
            String id = String.format("C%02d", c);
            account(id, null, c % 4 == 0 ? "ADVANCE" : "CREDIT", start, null);
            if (c == 1) {
                subscriptions.add(new Subscription("C01-A", id, Plan.MICRO, start, LocalDate.of(2024, 5, 11)));
                subscriptions.add(new Subscription("C01-B", id, Plan.STANDARD, LocalDate.of(2024, 5, 12), null));
            } else if (c == 2) {
                subscriptions.add(new Subscription("C02-A", id, Plan.STANDARD, start, LocalDate.of(2024, 6, 7)));
                subscriptions.add(new Subscription("C02-B", id, Plan.MICRO, LocalDate.of(2024, 6, 8), null));
            } else {
                subscriptions.add(new Subscription(id + "-A", id, c % 2 == 0 ? Plan.STANDARD : Plan.MICRO, start, null));
            }
            LocalDate from = c == 6 ? LocalDate.of(2024, 5, 25) : start;
            LocalDate to = c == 7 ? LocalDate.of(2024, 3, 31) : null;
            String first = number(id, "VPBX_GROUP", from, to, "749510");
            if (c == 5 || c == 9) {
                number(id, "VPBX_GROUP", start, null, "749510");
            }
            if (c == 3) {
                statuses.add(new Status(first, "BLOCKED_CUSTOMER", LocalDate.of(2024, 5, 10)));
                statuses.add(new Status(first, "ACTIVE", LocalDate.of(2024, 5, 15)));
            }
            if (c == 4) {
                statuses.add(new Status(first, "BLOCKED_DEBT", LocalDate.of(2024, 6, 5)));
            }
        }

        // «Просто»: P02 connects a number in 812 on 14 May (1 000), P05 opens on 5 June with a number in 499 (1 000),
        // P06 closes on 15 June, P07 connects one in 495 on 3 June (2 500)
        for (int p = 1; p <= 12; p++) {
            String id = String.format("P%02d", p);
            LocalDate opened = p == 5 ? LocalDate.of(2024, 6, 5) : start;
            LocalDate closed = p == 6 ? LocalDate.of(2024, 6, 15) : null;
            account(id, Plan.PROSTO, p % 5 == 0 ? "ADVANCE" : "CREDIT", opened, closed);
            number(id, "SIP", opened, closed, p == 5 ? "749920" : "749520");
        }
        number("P02", "SIP", LocalDate.of(2024, 5, 14), null, "781220");
        number("P07", "SIP", LocalDate.of(2024, 6, 3), null, "749521");
    }

    /** Calls and messages of every holding, day by day, in its plan's zone; some of May's arrive late. */
    private void usage() {
        for (Holding holding : holdings) {
            Plan plan = planOn(holding.account(), holding.from());
            for (LocalDate day = MAY.atDay(1); !day.isAfter(JUNE.atEndOfMonth()); day = day.plusDays(1)) {
                if (!holding.heldOn(day)) {
                    continue;
                }
                int calls = random.nextInt(3);
                for (int c = 0; c < calls; c++) {
                    LocalDateTime at = day.atTime(8 + random.nextInt(14), random.nextInt(60), random.nextInt(60));
                    boolean late = day.getMonthValue() == 5 && day.getDayOfMonth() >= 20 && random.nextInt(6) == 0;
                    switch (plan) {
                        case KENSE -> {
                            // off-net to Kcell (the 200 minutes, then 18 a started minute), on-net (unlimited), SMS (100, then 18)
                            int kind = random.nextInt(10);
                            if (kind < 6) {
                                cdrs.add(cdr("VOICE", "OUT", holding, "77011234567", at, 30 + random.nextInt(1500), late));
                            } else if (kind < 8) {
                                cdrs.add(cdr("VOICE", "OUT", holding, "77051234567", at, 30 + random.nextInt(900), late));
                            } else {
                                for (int s = 0; s < 3 + random.nextInt(6); s++) {
                                    cdrs.add(cdr("SMS", kind == 9 && s == 0 ? "IN" : "OUT", holding, "77011234567", at.plusSeconds(s), 20, late));
                                }
                            }
                        }
                        case MICRO, STANDARD -> cdrs.add(cdr("VOICE", "IN", holding, "74957654321", at, 30 + random.nextInt(600), false));
                        case PROSTO -> cdrs.add(cdr("VOICE", random.nextInt(5) == 0 ? "IN" : "OUT", holding, "74957000000", at,
                                30 + random.nextInt(1800), late));
                        default -> throw new IllegalStateException();
                    }
                }
            }
        }
        // K08 closed on 20 May: one of its May calls still arrives late
        Holding closing = holdings.stream().filter(h -> h.account().equals("K08")).findFirst().orElseThrow();
        cdrs.add(cdr("VOICE", "OUT", closing, "77011234567", LocalDate.of(2024, 5, 19).atTime(15, 0), 13_000, true));
    }

    private Cdr cdr(String service, String direction, Holding holding, String other, LocalDateTime at, int quantity, boolean late) {
        return new Cdr("r" + nextCdr++, service, direction, holding.number(), other, at, planOn(holding.account(), holding.from()).zone,
                quantity, late);
    }

    private Plan planOn(String account, LocalDate day) {
        Account a = accounts.stream().filter(x -> x.id().equals(account)).findFirst().orElseThrow();
        if (a.plan() != null) {
            return a.plan();
        }
        return subscriptions.stream().filter(s -> s.account().equals(account)).findFirst().orElseThrow().plan();
    }

    // ---------------------------------------------------------------- reference data as known on a night

    /** The reference files as the operator's CRM exports them on {@code night}: rows started by then, ends known once past. */
    private Map<String, String> referenceOn(LocalDate night) {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder a = new StringBuilder("account_id,customer_name,tax_id,plan_id,payment_method,opened_on,closed_on\n");
        for (Account account : accounts) {
            if (!account.opened().isAfter(night)) {
                a.append(String.join(",", account.id(), "ООО «" + account.id() + "»", "7700000" + account.id().substring(1),
                        account.plan() == null ? "" : account.plan().id, account.method(), account.opened().toString(),
                        known(account.closed(), night))).append('\n');
            }
        }
        files.put("accounts.csv", a.toString());
        StringBuilder s = new StringBuilder("subscription_id,account_id,plan_id,from,to\n");
        for (Subscription subscription : subscriptions) {
            if (!subscription.from().isAfter(night)) {
                s.append(String.join(",", subscription.id(), subscription.account(), subscription.plan().id, subscription.from().toString(),
                        known(subscription.to(), night))).append('\n');
            }
        }
        files.put("subscriptions.csv", s.toString());
        StringBuilder n = new StringBuilder("number,account_id,kind,active_from,active_to\n");
        for (Holding holding : holdings) {
            if (!holding.from().isAfter(night)) {
                n.append(String.join(",", holding.number(), holding.account(), holding.kind(), holding.from().toString(),
                        known(holding.to(), night))).append('\n');
            }
        }
        files.put("numbers.csv", n.toString());
        StringBuilder st = new StringBuilder("number,status,from\n");
        for (Status status : statuses) {
            if (!status.from().isAfter(night)) {
                st.append(String.join(",", status.number(), status.status(), status.from().toString())).append('\n');
            }
        }
        files.put("number-status.csv", st.toString());
        return files;
    }

    /** An end date once the night is past it (an end in the past, such as March's, is known from the start). */
    private static String known(LocalDate end, LocalDate night) {
        return end != null && end.isBefore(night) ? end.toString() : "";
    }

    // ---------------------------------------------------------------- the runs

    @Test
    void shouldBillTwoChangingMonthsNightByNightToTheTiynAndAsInOneRun() throws Exception {
        scenario();
        usage();
        Path tariffs = tariffs();

        // night by night, every third day, each night's file holding the calls since the night before
        Nights nightly = new Nights(dir.resolve("nightly"), tariffs);
        LocalDate previous = LocalDate.of(2024, 5, 1);
        java.util.TreeSet<LocalDate> nights = new java.util.TreeSet<>();
        for (LocalDate night = LocalDate.of(2024, 5, 3); night.isBefore(JUNE_CLOSED); night = night.plusDays(3)) {
            nights.add(night);
        }
        nights.add(MAY_CLOSED);
        nights.add(LATE_FILE);
        nights.add(JUNE_CLOSED);
        Path mayNightly = null;
        Path juneNightly;
        for (LocalDate night : nights) {
            setReference(nightly, night);
            if (night.equals(LATE_FILE)) {
                assertEveryRecordRated(nightly, nightly.night(lines(cdrs.stream().filter(Cdr::late)), at(night)), night);
            }
            LocalDate from = previous;
            assertEveryRecordRated(nightly, nightly.night(lines(cdrs.stream().filter(c -> !c.late() && inNight(c, from, night))), at(night)),
                    night);
            previous = night;
            if (night.equals(MAY_CLOSED)) {
                mayNightly = nightly.close(MAY, at(night)).directory();
            }
        }
        juneNightly = nightly.close(JUNE, at(JUNE_CLOSED)).directory();

        // every invoice line as the oracle works it out
        Oracle oracle = new Oracle();
        if (false) {
            PeriodUsage pu = PeriodUsage.read(dir.resolve("nightly/out").toUri().toString(), "2024-05", nightly.plans());
            for (String acc : List.of("K13", "K10")) {
                pu.numbers(acc).forEach((n, u) -> System.out.println("RATEL " + acc + " " + n + " voice " + u.voiceSeconds / 60 + " allow " + u.voiceFromAllowances / 60 + " amount " + u.amountScaled));
                for (Holding h : oracle.holdingsOf(acc)) {
                    List<Cdr> on = oracle.usageOf(h, MAY, false);
                    System.out.println("ORACLE " + acc + " " + h + " offnet " + oracle.offNetMinutes(on) + " onnet " + on.stream().filter(c -> c.service().equals("VOICE") && c.other().startsWith("7705")).mapToLong(c -> (c.quantity() + 59) / 60).sum());
                }
            }
        }
        assertThat(invoiceLines(mayNightly)).as("May, night by night").isEqualTo(oracle.lines(MAY));
        assertThat(invoiceLines(juneNightly)).as("June, night by night").isEqualTo(oracle.lines(JUNE));
        assertThat(totals(mayNightly)).isEqualTo(oracle.totals(MAY));
        assertThat(totals(juneNightly)).isEqualTo(oracle.totals(JUNE));

        // the same months in one run each, with the reference data as it finally stands
        Nights once = new Nights(dir.resolve("once"), tariffs);
        setReference(once, JUNE_CLOSED);
        once.night(lines(cdrs.stream().filter(c -> !c.late() && YearMonth.from(c.localStart()).equals(MAY))), at(MAY_CLOSED));
        Path mayOnce = once.close(MAY, at(MAY_CLOSED)).directory();
        once.night(lines(Stream.concat(cdrs.stream().filter(Cdr::late),
                cdrs.stream().filter(c -> !c.late() && YearMonth.from(c.localStart()).equals(JUNE)))), at(JUNE_CLOSED));
        Path juneOnce = once.close(JUNE, at(JUNE_CLOSED)).directory();
        for (String file : List.of("invoices.csv", "invoice-lines.csv")) {
            assertThat(Files.readString(mayOnce.resolve(file))).as("May " + file).isEqualTo(Files.readString(mayNightly.resolve(file)));
            assertThat(Files.readString(juneOnce.resolve(file))).as("June " + file).isEqualTo(Files.readString(juneNightly.resolve(file)));
        }
    }

    private static void assertEveryRecordRated(Nights nights, dev.ratel.jobs.rate.RateRun.Summary summary, LocalDate night) {
        assertThat(nights.lastIngest().rejected() + nights.lastIngest().duplicates()).as("records not taken on the night of %s: %s", night,
                        rejects(nights.lastIngest())).isZero();
        assertThat(summary.rejected()).as("records rejected on the night of %s: %s", night, summary.outcomes()).isZero();
    }

    private static String rejects(dev.ratel.jobs.ingest.IngestSummary ingest) {
        try {
            return ingest.rejectsFile() == null ? "duplicates only" : String.join("\n", Files.readAllLines(ingest.rejectsFile()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void setReference(Nights nights, LocalDate night) {
        referenceOn(night).forEach(nights::reference);
    }

    /** Whether a record's local day falls in {@code [previousNight, night)}: the calls a night's file brings. */
    private static boolean inNight(Cdr cdr, LocalDate previousNight, LocalDate night) {
        LocalDate day = cdr.localStart().toLocalDate();
        return !day.isBefore(previousNight) && day.isBefore(night);
    }

    private static Instant at(LocalDate night) {
        return night.atTime(2, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    private static String lines(Stream<Cdr> records) {
        StringBuilder text = new StringBuilder();
        records.forEach(cdr -> text.append(cdr.line()).append('\n'));
        return text.toString();
    }

    /** The sample tariffs, with a Keńse version that reorders the allowances from 16 May and «Микро» at 590 from 16 June. */
    private Path tariffs() throws IOException {
        Path tariffs = Files.createDirectories(dir.resolve("tariffs"));
        for (String plan : List.of("kense-15", "cloud-pbx-micro", "cloud-pbx-standard", "prostoy-prosto")) {
            Files.copy(Path.of("../samples/tariffs/" + plan + ".yaml"), tariffs.resolve(plan + ".yaml"));
        }
        Path kense = tariffs.resolve("kense-15.yaml");
        String text = Files.readString(kense, StandardCharsets.UTF_8);
        String firstEnd = "    valid-to: 2025-01-31       # seed: «Срок действия тарифного плана: до 31.01.2025»\n";
        String extension = "  - <<: *terms\n    # decision: the seed says";
        assertThat(text).contains(firstEnd).contains(extension);
        text = text.replace(firstEnd, "    valid-to: 2024-05-15\n").replace(extension, """
                  - <<: *terms
                    valid-from: 2024-05-16
                    valid-to: 2025-01-31
                    description: the same terms, allowances listed in another order
                    allowances:
                      - {id: vpbx-pool, amount: 2500 min, number-kinds: [VPBX_GROUP], starts: activation}
                      - {id: internet, amount: 30 GiB, number-kinds: [MOBILE], starts: activation}
                      - {id: kz-sms, amount: 100 sms, number-kinds: [MOBILE], starts: activation}
                      - {id: kz-offnet-minutes, amount: 200 min, number-kinds: [MOBILE], starts: activation}
                      - {id: beeline-unlimited, amount: unlimited min, number-kinds: [MOBILE], starts: activation}
                """ + extension);
        Files.writeString(kense, text, StandardCharsets.UTF_8);
        Path micro = tariffs.resolve("cloud-pbx-micro.yaml");
        text = Files.readString(micro, StandardCharsets.UTF_8);
        String firstVersion = "  - valid-from: 2024-01-01\n    description: Price list as published\n";
        assertThat(text).contains(firstVersion);
        text = text.replace(firstVersion, "  - &published\n    valid-from: 2024-01-01\n    valid-to: 2024-06-15\n"
                + "    description: Price list as published\n") + """
                  - <<: *published
                    valid-from: 2024-06-16
                    valid-to:
                    description: a new package price from 16 June
                    fees:
                      - {code: PACKAGE, description: Абонентская плата за пакет «Микро», unit: мес, price: 590, billed: in-arrears, proration: daily-except-debt}
                      - {code: EXTRA_MULTICHANNEL_NUMBER, description: Многоканальный номер сверх пакета, unit: номер, price: 300, counts: numbers(VPBX_GROUP), included: 1, billed: in-arrears, proration: daily-except-debt}
                """;
        Files.writeString(micro, text, StandardCharsets.UTF_8);
        return tariffs;
    }

    /** The period's invoice lines as "account code net tax gross", in file order. */
    private static List<String> invoiceLines(Path period) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> rows = Files.readAllLines(period.resolve("invoice-lines.csv"));
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = InvoiceFiles.csv(row);
            lines.add(cells.get(0) + " " + cells.get(3) + " " + cells.get(8) + " " + cells.get(10) + " " + cells.get(11));
        }
        return lines;
    }

    /** The period's invoices as "account net tax gross", in file order. */
    private static List<String> totals(Path period) throws Exception {
        List<String> totals = new ArrayList<>();
        List<String> rows = Files.readAllLines(period.resolve("invoices.csv"));
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = InvoiceFiles.csv(row);
            totals.add(cells.get(0) + " " + cells.get(6) + " " + cells.get(7) + " " + cells.get(8));
        }
        return totals;
    }

    // ---------------------------------------------------------------- the oracle

    /**
     * The invoices worked out from the scenario with the seeds' prices, line by line in the order an invoice lists
     * them, independently of Ratel's rating and charge code. Money in BigDecimal, rounded half-up to kopecks or tiyn.
     */
    private final class Oracle {
        private static final BigDecimal KZ_VAT = new BigDecimal("0.12");
        private static final BigDecimal RU_VAT = new BigDecimal("0.20");

        /** "account code net tax gross" of every invoice of the month, accounts in id order. */
        List<String> lines(YearMonth month) {
            List<String> lines = new ArrayList<>();
            invoices(month).forEach((account, invoiceLines) -> invoiceLines.forEach(line -> lines.add(account + " " + line.text())));
            return lines;
        }

        List<String> totals(YearMonth month) {
            List<String> totals = new ArrayList<>();
            invoices(month).forEach((account, invoiceLines) -> {
                BigDecimal net = BigDecimal.ZERO;
                BigDecimal tax = BigDecimal.ZERO;
                for (Line line : invoiceLines) {
                    net = net.add(line.net());
                    tax = tax.add(line.tax());
                }
                totals.add(account + " " + net.toPlainString() + " " + tax.toPlainString() + " " + net.add(tax).toPlainString());
            });
            return totals;
        }

        record Line(String code, BigDecimal net, BigDecimal tax) {
            String text() {
                return code + " " + net.toPlainString() + " " + tax.toPlainString() + " " + net.add(tax).toPlainString();
            }
        }

        /** A line of a price that includes VAT, split per line: net = gross / (1 + rate). */
        Line perLine(String code, BigDecimal gross, BigDecimal rate) {
            BigDecimal net = gross.divide(BigDecimal.ONE.add(rate), 2, RoundingMode.HALF_UP);
            return new Line(code, net, gross.subtract(net));
        }

        /** A Cloud PBX line: net per unit = price / 1.2 to kopecks, times the units, times the days' share; VAT on the net. */
        Line perUnit(String code, BigDecimal price, long units, long days, long daysInMonth) {
            BigDecimal unitNet = price.divide(new BigDecimal("1.2"), 2, RoundingMode.HALF_UP);
            BigDecimal net = unitNet.multiply(BigDecimal.valueOf(units)).multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(daysInMonth), 2, RoundingMode.HALF_UP);
            return new Line(code, net, net.multiply(RU_VAT).setScale(2, RoundingMode.HALF_UP));
        }

        Map<String, List<Line>> invoices(YearMonth month) {
            Map<String, List<Line>> invoices = new TreeMap<>();
            for (Account account : accounts) {
                List<Line> lines = switch (account.plan() == null ? Plan.MICRO : account.plan()) {
                    case KENSE -> kense(account, month);
                    case PROSTO -> prosto(account, month);
                    default -> cloudPbx(account, month);
                };
                if (!lines.isEmpty()) {
                    invoices.put(account.id(), lines);
                }
            }
            return invoices;
        }

        private boolean openIn(Account account, YearMonth month) {
            return !account.opened().isAfter(month.atEndOfMonth()) && (account.closed() == null || !account.closed().isBefore(month.atDay(1)));
        }

        private List<Holding> holdingsOf(String account) {
            return holdings.stream().filter(h -> h.account().equals(account)).toList();
        }

        private boolean heldIn(Holding holding, LocalDate first, LocalDate last) {
            return !holding.from().isAfter(last) && (holding.to() == null || !holding.to().isBefore(first));
        }

        /** The usage of a holding (its number while this account held it), by the month it happened in. */
        private List<Cdr> usageOf(Holding holding, YearMonth month, boolean late) {
            return cdrs.stream().filter(c -> c.subscriber().equals(holding.number()) && c.late() == late
                    && holding.heldOn(c.localStart().toLocalDate()) && YearMonth.from(c.localStart()).equals(month)).toList();
        }

        // Keńse 15 (seed 000): 34 990 for up to 15 SIMs, 3 000 each above, in full for a month held on any day; per SIM on the
        // account, 200 off-net minutes then 18 a started minute, 100 SMS then 18 each, on-net unlimited, received SMS free;
        // prices include 12 % VAT, split per line. A late May call draws on what May left of its SIM's minutes.
        private List<Line> kense(Account account, YearMonth month) {
            List<Line> lines = new ArrayList<>();
            boolean held = openIn(account, month);
            if (held) {
                lines.add(perLine("PACKAGE", new BigDecimal("34990"), KZ_VAT));
                long sims = holdingsOf(account.id()).stream().filter(h -> heldIn(h, month.atDay(1), month.atEndOfMonth())).count();
                if (sims > 15) {
                    lines.add(perLine("EXTRA_NUMBER", BigDecimal.valueOf(3000 * (sims - 15)), KZ_VAT));
                }
            }
            long voiceMinutes = 0;
            long sms = 0;
            long lateMinutes = 0;
            for (Holding holding : holdingsOf(account.id())) {
                List<Cdr> onTime = usageOf(holding, month, false);
                long minutes = offNetMinutes(onTime);
                voiceMinutes += Math.max(0, minutes - 200);
                long sent = onTime.stream().filter(c -> c.service().equals("SMS") && c.direction().equals("OUT")).count();
                sms += Math.max(0, sent - 100);
                if (month.equals(JUNE)) {
                    long mayMinutes = offNetMinutes(usageOf(holding, MAY, false));
                    long withLate = mayMinutes + offNetMinutes(usageOf(holding, MAY, true));
                    lateMinutes += Math.max(0, withLate - 200) - Math.max(0, mayMinutes - 200);
                }
            }
            if (voiceMinutes > 0) {
                lines.add(perLine("USAGE-VOICE_KZ_OFFNET", BigDecimal.valueOf(18 * voiceMinutes), KZ_VAT));
            }
            if (sms > 0) {
                lines.add(perLine("USAGE-SMS_KZ", BigDecimal.valueOf(18 * sms), KZ_VAT));
            }
            if (lateMinutes > 0) {
                lines.add(perLine("LATE-VOICE_KZ_OFFNET", BigDecimal.valueOf(18 * lateMinutes), KZ_VAT));
            }
            return lines;
        }

        /** Started minutes of calls to Kcell. */
        private long offNetMinutes(List<Cdr> usage) {
            return usage.stream().filter(c -> c.service().equals("VOICE") && c.other().startsWith("7701"))
                    .mapToLong(c -> (c.quantity() + 59) / 60).sum();
        }

        // «Просто» (seed 003): 800 + 200 a month, in full for a month held on any day; a number connected in code 495 costs
        // 2 500 once, in 499 or 812 1 000; 200 RUB of call credit a month per account pays calls (Moscow at the plan's
        // illustrative 1.00 a started minute); prices include 20 % VAT, split per line.
        private List<Line> prosto(Account account, YearMonth month) {
            List<Line> lines = new ArrayList<>();
            if (openIn(account, month)) {
                lines.add(perLine("PBX_AND_NUMBER_RENT", new BigDecimal("800"), RU_VAT));
                lines.add(perLine("CALL_CREDIT", new BigDecimal("200"), RU_VAT));
                for (Holding holding : holdingsOf(account.id())) {
                    if (YearMonth.from(holding.from()).equals(month)) {
                        lines.add(perLine("NUMBER_CONNECTION", new BigDecimal(holding.number().startsWith("7495") ? "2500" : "1000"), RU_VAT));
                    }
                }
            }
            long cost = 0;
            long mayCost = 0;
            long mayLate = 0;
            for (Holding holding : holdingsOf(account.id())) {
                cost += outgoingMinutes(usageOf(holding, month, false));
                mayCost += outgoingMinutes(usageOf(holding, MAY, false));
                mayLate += outgoingMinutes(usageOf(holding, MAY, true));
            }
            if (cost > 200) {
                lines.add(perLine("USAGE-VOICE_OUT_MOSCOW_SPB", BigDecimal.valueOf(cost - 200), RU_VAT));
            }
            long late = Math.max(0, mayCost + mayLate - 200) - Math.max(0, mayCost - 200);
            if (month.equals(JUNE) && late > 0) {
                lines.add(perLine("LATE-VOICE_OUT_MOSCOW_SPB", BigDecimal.valueOf(late), RU_VAT));
            }
            return lines;
        }

        private long outgoingMinutes(List<Cdr> usage) {
            return usage.stream().filter(c -> c.direction().equals("OUT")).mapToLong(c -> (c.quantity() + 59) / 60).sum();
        }

        // Cloud PBX (seed 002): each plan held in the month is charged for the days it held on which a group number was
        // connected and not blocked at the customer's request (a day blocked for debt is charged), at the price of the
        // version in force on the last day it held; net per unit = price / 1.2; group numbers above the plan's included
        // ones at 300 («Микро», 1 included) or 150 («Стандартный», 5); then 1.2 % of the plan's net, VAT on top.
        private List<Line> cloudPbx(Account account, YearMonth month) {
            List<Line> lines = new ArrayList<>();
            for (Subscription subscription : subscriptions) {
                if (!subscription.account().equals(account.id())) {
                    continue;
                }
                LocalDate first = subscription.from().isAfter(month.atDay(1)) ? subscription.from() : month.atDay(1);
                LocalDate last = subscription.to() == null || subscription.to().isAfter(month.atEndOfMonth()) ? month.atEndOfMonth()
                        : subscription.to();
                if (first.isAfter(last)) {
                    continue;
                }
                long days = 0;
                for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                    LocalDate today = day;
                    if (holdingsOf(account.id()).stream().anyMatch(h -> h.heldOn(today) && !blockedAtRequest(h.number(), today))) {
                        days++;
                    }
                }
                if (days == 0) {
                    continue;
                }
                boolean micro = subscription.plan() == Plan.MICRO;
                BigDecimal price = micro ? (last.isBefore(MICRO_590) ? new BigDecimal("490") : new BigDecimal("590")) : new BigDecimal("3490");
                List<Line> plan = new ArrayList<>();
                plan.add(perUnit("PACKAGE", price, 1, days, month.lengthOfMonth()));
                long numbers = holdingsOf(account.id()).stream().filter(h -> heldIn(h, first, last)).count();
                long above = numbers - (micro ? 1 : 5);
                if (above > 0) {
                    plan.add(perUnit("EXTRA_MULTICHANNEL_NUMBER", new BigDecimal(micro ? "300" : "150"), above, days, month.lengthOfMonth()));
                }
                BigDecimal net = plan.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal surcharge = net.multiply(new BigDecimal("0.012")).setScale(2, RoundingMode.HALF_UP);
                plan.add(new Line("TARIFF_SURCHARGE", surcharge, surcharge.multiply(RU_VAT).setScale(2, RoundingMode.HALF_UP)));
                lines.addAll(plan);
            }
            return lines;
        }

        private boolean blockedAtRequest(String number, LocalDate day) {
            String status = "ACTIVE";
            for (Status change : statuses) {
                if (change.number().equals(number) && !change.from().isAfter(day)) {
                    status = change.status();
                }
            }
            return status.equals("BLOCKED_CUSTOMER") || status.equals("BLOCKED_OPERATOR");
        }
    }
}
