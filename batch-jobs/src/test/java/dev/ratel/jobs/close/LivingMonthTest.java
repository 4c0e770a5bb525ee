package dev.ratel.jobs.close;

import static dev.ratel.jobs.close.InvoiceFiles.hasInvoice;
import static dev.ratel.jobs.close.InvoiceFiles.invoice;
import static dev.ratel.jobs.close.InvoiceFiles.lines;
import static dev.ratel.jobs.close.InvoiceFiles.taxRates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.OneTimeFee;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.jobs.Nights;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month whose reference data changes, closed end to end night after night (issue #18): numbers that
 * end or start within the month, plans held over part of it, numbers moving between accounts, usage of
 * a closed month arriving late, and one account's bad data at the close. Amounts are worked out by hand
 * in the comments from the seeds' prices; lines read "code quantity unit price | net VAT gross".
 */
class LivingMonthTest {
    private static final String ACCOUNTS = "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n";
    private static final String NUMBERS = "number,account_id,kind,active_from,active_to,subscription_id\n";
    private static final Instant JUNE_3 = Instant.parse("2024-06-03T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldChargeTheCloudPbxFeeOnlyForDaysANumberIsConnectedAndNotBlocked() throws Exception {
        // Cloud PBX «Микро» (seed 002): 490 a month with 20 % VAT, net per unit 490 / 1.2 = 408.33; charged per day for days
        // blocked at a request (note 2). A day counts only when a number is connected and not so blocked.
        Nights nights = Nights.overSamplePlans(dir);
        nights.reference("accounts.csv", ACCOUNTS
                        + "C1,ООО «Ушедший»,7700000001,cloud-pbx-micro,CREDIT,2024-01-01\n"
                        + "C2,ООО «Новый»,7700000002,cloud-pbx-micro,CREDIT,2024-01-01\n"
                        + "C3,ООО «Пауза»,7700000003,cloud-pbx-micro,CREDIT,2024-01-01\n")
                .reference("numbers.csv", NUMBERS
                        + "74951000001,C1,VPBX_GROUP,2024-01-01,2024-03-31,\n"    // ended in March
                        + "74951000002,C2,VPBX_GROUP,2024-05-25,,\n"              // connects on the 25th
                        + "74951000003,C3,VPBX_GROUP,2024-05-11,,\n")             // connects on the 11th ...
                .reference("number-status.csv", "number,status,from\n"
                        + "74951000003,BLOCKED_CUSTOMER,2024-05-21\n74951000003,ACTIVE,2024-05-26\n"); // ... blocked 21-25 May
        Path may = nights.close(YearMonth.of(2024, 5), JUNE_3).directory();

        // C1 had no number connected all May: no package fee, and so no invoice at all
        assertThat(hasInvoice(may, "C1")).isFalse();
        // C2: 25-31 May, 7 days: 408.33 x 7 / 31 = 92.2036 -> 92.20, VAT 18.44; surcharge 1.2 % of 92.20 = 1.1064 -> 1.11, VAT 0.22
        assertThat(lines(may, "C2")).containsExactly("PACKAGE 1 мес 490.00 | 92.20 18.44 110.64",
                "TARIFF_SURCHARGE 1.2 %  | 1.11 0.22 1.33");
        // C3: 11-20 and 26-31 May, 16 days: 408.33 x 16 / 31 = 210.7510 -> 210.75, VAT 42.15; surcharge 2.529 -> 2.53, VAT 0.51
        assertThat(lines(may, "C3")).containsExactly("PACKAGE 1 мес 490.00 | 210.75 42.15 252.90",
                "TARIFF_SURCHARGE 1.2 %  | 2.53 0.51 3.04");
    }

    @Test
    void shouldRateLateUsageAgainstItsOwnMonthsAllowanceAndTaxItAtThatMonthsRate() throws Exception {
        // Keńse 15 (seed 000): 200 off-net minutes a SIM a month, then 18 KZT a started minute; prices include VAT, which in
        // Kazakhstan is 12 % to the end of 2025 and 16 % from 2026-01-01.
        Nights nights = Nights.overSamplePlans(dir);
        nights.reference("accounts.csv", ACCOUNTS + "K1,ТОО «Тау»,800800800801,kense-15,CREDIT,2025-01-01\n")
                .reference("numbers.csv", NUMBERS + "77051110001,K1,MOBILE,2025-01-01,,\n");
        // December: 150 of the 200 minutes to Kcell
        nights.night("d1,msc,VOICE,OUT,77051110001,77011234567,2025-12-20T10:00:00+05:00,9000,,,\n", Instant.parse("2025-12-21T00:00:00Z"));
        nights.close(YearMonth.of(2025, 12), Instant.parse("2026-01-02T00:00:00Z"));
        // January: a December call the switch delivered late (60 minutes on 30 December), and 200 minutes of January
        nights.night("d2,msc,VOICE,OUT,77051110001,77011234567,2025-12-30T10:00:00+05:00,3600,,,\n"
                + "j1,msc,VOICE,OUT,77051110001,77011234567,2026-01-05T10:00:00+05:00,12000,,,\n", Instant.parse("2026-01-10T00:00:00Z"));
        Path january = nights.close(YearMonth.of(2026, 1), Instant.parse("2026-02-02T00:00:00Z")).directory();

        // The late call draws on December's allowance as December ended: 50 minutes were left, 10 are charged, 10 x 18 = 180,
        // taxed at December's 12 %: net 180 / 1.12 = 160.71, VAT 19.29, on a line of its own. January's 200 minutes are
        // untouched by it, so the January call is free. The fee is January's, at 16 %: 34 990 / 1.16 = 30 163.79 + 4 826.21.
        assertThat(lines(january, "K1")).containsExactly("PACKAGE 1 мес 34990.00 | 30163.79 4826.21 34990.00",
                "LATE-VOICE_KZ_OFFNET 10 мин 18.00 | 160.71 19.29 180.00");
        assertThat(taxRates(january, "K1")).containsExactly("PACKAGE | 16.00", "LATE-VOICE_KZ_OFFNET | 12.00");
        assertThat(invoice(january, "K1")).isEqualTo("30324.50 4845.50 35170.00 ");
    }

    @Test
    void shouldTaxTheSurchargeOnLateUsageAtTheRateOfTheMonthTheUsageHappenedIn() throws Exception {
        // a plan of our own, prices without VAT, with a 1.2 % surcharge: VAT in Russia is 20 % in 2025, 22 % from 2026
        Path tariffs = Files.createDirectories(dir.resolve("tariffs"));
        Files.writeString(tariffs.resolve("office.yaml"), String.join("\n", "plan: office-ru", "name: Офис",
                "currency: RUB", "time-zone: Europe/Moscow", "tax: {jurisdiction: RU, prices: exclude-tax}",
                "seller: {name: ООО «Тест», tax-id: \"7700000009\", kpp: \"770001001\", invoice-series: OFC}",
                "destinations: {classes: [{class: ru-any, prefixes: [7]}]}",
                "versions:", "  - valid-from: 2025-01-01",
                "    surcharge: {percent: 1.2, code: TARIFF_SURCHARGE, description: \"Надбавка к тарифам 1,2 %\"}",
                "    rates: [{id: minute, price: 2, per: 60}]",
                "    rules: [{charge: VOICE, service: VOICE, directions: [OUT], to: [ru-any], increment: 60/60, rate: minute}]",
                "    fees: [{code: PACKAGE, description: Абонентская плата, unit: мес, price: 1000}]", ""));
        Nights nights = new Nights(dir.resolve("office"), tariffs);
        nights.reference("accounts.csv", ACCOUNTS + "O1,ООО «Офис»,7700000031,office-ru,CREDIT,2025-01-01\n")
                .reference("numbers.csv", NUMBERS + "74951230001,O1,SIP,2025-01-01,,\n");
        nights.night("o1,sip,VOICE,OUT,74951230001,74957000000,2025-12-10T10:00:00+03:00,600,,,\n", Instant.parse("2025-12-11T00:00:00Z"));
        nights.close(YearMonth.of(2025, 12), Instant.parse("2026-01-02T00:00:00Z"));
        // January: a December call of 30 minutes delivered late, and a January one of 5
        nights.night("o2,sip,VOICE,OUT,74951230001,74957000000,2025-12-30T10:00:00+03:00,1800,,,\n"
                + "o3,sip,VOICE,OUT,74951230001,74957000000,2026-01-12T10:00:00+03:00,300,,,\n", Instant.parse("2026-01-13T00:00:00Z"));
        Path january = nights.close(YearMonth.of(2026, 1), Instant.parse("2026-02-02T00:00:00Z")).directory();
        // January's own lines at 22 %: the fee 1 000.00 (220.00), 5 minutes 10.00 (2.20), the surcharge on them 1 010.00 x 1.2 %
        // = 12.12 (2.6664 -> 2.67). December's late 30 minutes, 60.00, at December's 20 % (12.00), and the surcharge on them at
        // 20 % too: 60.00 x 1.2 % = 0.72 (0.144 -> 0.14).
        assertThat(lines(january, "O1")).containsExactly("PACKAGE 1 мес 1000.00 | 1000.00 220.00 1220.00",
                "USAGE-VOICE 5 мин 2.00 | 10.00 2.20 12.20",
                "TARIFF_SURCHARGE 1.2 %  | 12.12 2.67 14.79",
                "LATE-VOICE 30 мин 2.00 | 60.00 12.00 72.00",
                "TARIFF_SURCHARGE 1.2 %  | 0.72 0.14 0.86");
        assertThat(taxRates(january, "O1")).containsExactly("PACKAGE | 22.00", "USAGE-VOICE | 22.00", "TARIFF_SURCHARGE | 22.00",
                "LATE-VOICE | 20.00", "TARIFF_SURCHARGE | 20.00");
        // net 1 000 + 10 + 12.12 + 60 + 0.72 = 1 082.84; VAT 220 + 2.20 + 2.67 + 12 + 0.14 = 237.01
        assertThat(invoice(january, "O1")).isEqualTo("1082.84 237.01 1319.85 ");
    }

    @Test
    void shouldInvoiceEachSubscriptionOfAnAccountOverTheDaysItHeld() throws Exception {
        Nights nights = Nights.overSamplePlans(dir);
        nights.reference("accounts.csv", "account_id,customer_name,tax_id,payment_method,opened_on\n"
                        + "P1,ООО «Простое дело»,7700000011,CREDIT,2024-01-01\n"
                        + "CP,ООО «Облако»,7700000012,CREDIT,2024-01-01\n")
                .reference("subscriptions.csv", "subscription_id,account_id,plan_id,from,to,covers\n"
                        + "P1-CRM,P1,prostoy-profi,2024-01-01,,account\n"
                        + "P1-N1,P1,prostoy-prosto,2024-01-01,,numbers\n"
                        + "P1-N2,P1,prostoy-prosto,2024-05-15,,numbers\n"
                        + "CP-MICRO,CP,cloud-pbx-micro,2024-01-01,2024-05-10,account\n"
                        + "CP-STANDARD,CP,cloud-pbx-standard,2024-05-11,,account\n")
                .reference("numbers.csv", NUMBERS
                        + "74951000001,P1,SIP,2024-01-01,,P1-N1\n"
                        + "74991000002,P1,SIP,2024-05-15,,P1-N2\n"
                        + "74953000001,CP,VPBX_GROUP,2024-01-01,,\n");
        // «Просто» (seed 003): each individual number's subscription has its own 200 RUB of call credit; calls to Moscow at
        // the plan's illustrative 1.00 a minute. N1 talks 250 minutes (200 from its credit, 50 charged), N2 100 (free).
        nights.night("p1,sip,VOICE,OUT,74951000001,74957000000,2024-05-20T10:00:00+03:00,15000,,,\n"
                + "p2,sip,VOICE,OUT,74991000002,74957000000,2024-05-20T12:00:00+03:00,6000,,,\n", Instant.parse("2024-05-21T00:00:00Z"));
        Path may = nights.close(YearMonth.of(2024, 5), JUNE_3).directory();

        // «Профи» 1 990 on the account; each «Просто» number 800 + 200 (in full: the plans charge a month begun in full);
        // N2 connected in code 499 on the 15th: 1 000 once; 50 minutes past N1's credit at 1.00. Prices include 20 % VAT,
        // split per line: net = gross / 1.2.
        assertThat(lines(may, "P1")).containsExactly("PLAN_FEE 1 мес 1990.00 | 1658.33 331.67 1990.00",
                "PBX_AND_NUMBER_RENT 1 мес 800.00 | 666.67 133.33 800.00",
                "CALL_CREDIT 1 мес 200.00 | 166.67 33.33 200.00",
                "PBX_AND_NUMBER_RENT 1 мес 800.00 | 666.67 133.33 800.00",
                "CALL_CREDIT 1 мес 200.00 | 166.67 33.33 200.00",
                "NUMBER_CONNECTION 1 шт 1000.00 | 833.33 166.67 1000.00",
                "USAGE-VOICE_OUT_MOSCOW_SPB 50 мин 1.00 | 41.67 8.33 50.00");
        // 1 990 + 800 + 200 + 800 + 200 + 1 000 + 50 = 5 040.00
        assertThat(invoice(may, "P1")).isEqualTo("4200.01 839.99 5040.00 ");

        // Cloud PBX, «Микро» to 10 May, «Стандартный» from the 11th, its group number on each in turn; fees are charged by
        // the days held (with a number connected): Micro 408.33 x 10 / 31 = 131.72 (VAT 26.34); Standard 3 490 / 1.2 =
        // 2 908.33 x 21 / 31 = 1 970.16 (VAT 394.03). Each plan's 1.2 % surcharge on its own lines: 1.58 (0.32) and 23.64 (4.73).
        assertThat(lines(may, "CP")).containsExactly("PACKAGE 1 мес 490.00 | 131.72 26.34 158.06",
                "TARIFF_SURCHARGE 1.2 %  | 1.58 0.32 1.90",
                "PACKAGE 1 мес 3490.00 | 1970.16 394.03 2364.19",
                "TARIFF_SURCHARGE 1.2 %  | 23.64 4.73 28.37");
        // the act's appendix lists the group number once, though two plans held it in May
        Invoice cp = new Invoice("CPBX-2024-000001", "CP", "2024-05", "cloud-pbx-standard", LocalDate.of(2024, 5, 31),
                LocalDate.of(2024, 6, 25), dev.ratel.core.money.Currency.RUB, List.of(), java.util.Set.of());
        assertThat(dev.ratel.jobs.documents.Act.of(cp, nights.reference().account("CP"), nights.plans().get("cloud-pbx-standard"),
                nights.reference().numbers("CP"), Map.of(), List.of()).numbers())
                .extracting(dev.ratel.jobs.documents.Act.NumberRow::number).containsExactly("74953000001");
    }

    @Test
    void shouldGiveANumberMovedToAnotherAccountThatAccountsOwnAllowance() throws Exception {
        // Keńse 15: a SIM used 150 of its 200 minutes in K1, then moved to K2 on the 16th; both companies pay their fee for
        // May, so each grants the SIM its 200 minutes. In K2 it talks 100 minutes: free, and nothing of K1's 50 is drawn.
        Nights nights = Nights.overSamplePlans(dir);
        nights.reference("accounts.csv", ACCOUNTS + "K1,ТОО «Первая»,800800800801,kense-15,CREDIT,2024-01-01\n"
                        + "K2,ТОО «Вторая»,800800800802,kense-15,CREDIT,2024-01-01\n")
                .reference("numbers.csv", NUMBERS + "77051110001,K1,MOBILE,2024-01-01,,\n");
        nights.night("m1,msc,VOICE,OUT,77051110001,77011234567,2024-05-10T10:00:00+05:00,9000,,,\n", Instant.parse("2024-05-11T00:00:00Z"));
        nights.reference("numbers.csv", NUMBERS + "77051110001,K1,MOBILE,2024-01-01,2024-05-15,\n77051110001,K2,MOBILE,2024-05-16,,\n");
        RateRun.Summary after = nights.night("m2,msc,VOICE,OUT,77051110001,77011234567,2024-05-20T10:00:00+05:00,6000,,,\n",
                Instant.parse("2024-05-21T00:00:00Z"));
        assertThat(after.amountScaled()).isZero();
        // a call back-dated to the 12th, when K1 held it, draws on K1's 50 minutes left: 60 minutes, 10 charged at 18
        RateRun.Summary before = nights.night("m3,msc,VOICE,OUT,77051110001,77011234567,2024-05-12T10:00:00+05:00,3600,,,\n",
                Instant.parse("2024-05-22T00:00:00Z"));
        assertThat(before.amountScaled()).isEqualTo(Money.ofMajor(180));
        Path may = nights.close(YearMonth.of(2024, 5), JUNE_3).directory();
        // the number counts in both companies' May (held on some day of it); neither passes 15 numbers: 34 990 each
        assertThat(lines(may, "K1")).containsExactly("PACKAGE 1 мес 34990.00 | 31241.07 3748.93 34990.00",
                "USAGE-VOICE_KZ_OFFNET 10 мин 18.00 | 160.71 19.29 180.00");
        assertThat(lines(may, "K2")).containsExactly("PACKAGE 1 мес 34990.00 | 31241.07 3748.93 34990.00");
    }

    @Test
    void shouldHoldAnAccountWhoseNumberHasNoConnectionPriceAndInvoiceEveryOtherOne() throws Exception {
        // «Простой бизнес» (seed 003) connects individual numbers in codes 495, 499, 812, 343, 831, 863 and 843 only. Bad data
        // that validation would refuse (a number in Kaliningrad's 401) reaches the close anyway, built here by hand: the
        // account is held with the reason, the other is invoiced, and the close finishes.
        Map<String, TariffPlan> plans = Nights.overSamplePlans(dir).plans();
        LocalDate opened = LocalDate.of(2024, 1, 1);
        ReferenceData broken = new ReferenceData(
                Map.of("GOOD", new Account("GOOD", "ООО «Исправное»", "7700000021", "prostoy-prosto", PaymentMethod.CREDIT, opened),
                        "BAD", new Account("BAD", "ООО «Калининград»", "7700000022", "prostoy-prosto", PaymentMethod.CREDIT, opened)),
                Map.of("GOOD", List.of(new NumberHolding("74951000021", NumberKind.SIP, LocalDate.of(2024, 5, 3), null, List.of())),
                        "BAD", List.of(new NumberHolding("74012000022", NumberKind.SIP, LocalDate.of(2024, 5, 3), null, List.of()))),
                Map.of(), Map.of(), Map.of());
        CloseMonth.Result first = close(plans, broken);
        assertThat(first.held()).containsOnlyKeys("BAD");
        assertThat(first.held().get("BAD")).contains("prostoy-prosto").contains("74012000022").contains("price-by-prefix");
        Path may = first.directory();
        // GOOD: 800 + 200 + the connection in 495, 2 500
        assertThat(invoice(may, "GOOD")).isEqualTo("2916.67 583.33 3500.00 ");
        assertThat(hasInvoice(may, "BAD")).isFalse();
        assertThat(Files.readAllLines(may.resolve("held-accounts.csv"))).hasSize(2).element(1).asString().startsWith("BAD,");

        // the operator prices code 401 in the tariff (1 000) and closes May again: BAD is invoiced, numbered after GOOD
        Map<String, TariffPlan> fixed = new HashMap<>(plans);
        fixed.put("prostoy-prosto", withConnectionPrice(plans.get("prostoy-prosto"), "7401", 1000));
        CloseMonth.Result again = close(fixed, broken);
        assertThat(again.held()).isEmpty();
        assertThat(invoice(may, "BAD")).isEqualTo("1666.67 333.33 2000.00 ");
        assertThat(may.resolve("held-accounts.csv")).doesNotExist();
        assertThat(Files.readAllLines(may.resolve("invoices.csv"))).extracting(row -> row.split(",")[1]).containsExactly("invoice_no",
                "PB-2024-000001", "PB-2024-000002");
    }

    /** Ingests nothing, rates and closes May 2024 with the given plans and reference data. */
    private CloseMonth.Result close(Map<String, TariffPlan> plans, ReferenceData reference) throws Exception {
        Path home = dir.resolve("home");
        Path cdr = Files.createDirectories(dir.resolve("cdr"));
        Files.writeString(cdr.resolve("empty.csv"), Nights.CDR_HEADER + "e1,sip,VOICE,IN,74951000021,74957000000,2024-05-20T10:00:00+03:00,60,,,\n");
        Clock june = Clock.fixed(JUNE_3, ZoneOffset.UTC);
        new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null).withClock(june)).run(List.of(cdr), null, n -> { });
        new RateRun(home, plans, reference, ExchangeRates.none()).run(n -> { });
        try (JobStore store = JobStore.open(home, null, null, null)) {
            return new CloseMonth(store, home, dir.resolve("out"), plans, reference, TaxRatesCsv.shipped(), june, Map.of())
                    .run(YearMonth.of(2024, 5));
        }
    }

    /** The plan with one more prefix priced in its connection fee. */
    private static TariffPlan withConnectionPrice(TariffPlan plan, String prefix, long priceMajor) {
        List<PlanVersion> versions = new ArrayList<>();
        for (PlanVersion version : plan.versions()) {
            List<OneTimeFee> fees = new ArrayList<>();
            for (OneTimeFee fee : version.oneTimeFees()) {
                Map<String, Long> prices = new HashMap<>(fee.priceByPrefixScaled());
                prices.put(prefix, Money.ofMajor(priceMajor));
                fees.add(new OneTimeFee(fee.code(), fee.description(), fee.numberKinds(), prices, fee.defaultPriceScaled()));
            }
            versions.add(new PlanVersion(version.validFrom(), version.validTo(), version.rates(), version.buckets(), version.rules(),
                    version.fees(), fees, version.flagRules(), version.holidays(), version.surcharge()));
        }
        return new TariffPlan(plan.id(), plan.name(), plan.currency(), plan.zone(), plan.taxJurisdiction(), plan.taxBasis(),
                plan.paymentTermDays(), plan.smsSegmentation(), plan.classifier(), versions, plan.seller());
    }
}
