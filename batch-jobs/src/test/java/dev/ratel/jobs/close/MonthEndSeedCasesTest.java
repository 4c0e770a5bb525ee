package dev.ratel.jobs.close;

import static dev.ratel.jobs.close.InvoiceFiles.invoice;
import static dev.ratel.jobs.close.InvoiceFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The month-end cases of the seeds, each closed end to end (ingest, rate, export, close) and every
 * invoice line checked against the amounts worked out by hand in the comments. Amounts are gross
 * unless said otherwise; "net" and "VAT" follow the plan's tax basis.
 */
class MonthEndSeedCasesTest {
    private static final String CDR_HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,"
            + "volume_bytes,sms_chars,sms_encoding\n";
    private Map<String, TariffPlan> plans;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void loadPlans() throws Exception {
        plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
    }

    /** Writes the reference files and CDRs, runs the pipeline and closes {@code period}; returns the period's directory. */
    private Path close(YearMonth period, String accounts, String numbers, String statuses, String options, String cdrs)
            throws Exception {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Files.writeString(reference.resolve("accounts.csv"), "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n" + accounts);
        Files.writeString(reference.resolve("numbers.csv"), "number,account_id,kind,active_from,active_to\n" + numbers);
        Files.writeString(reference.resolve("number-status.csv"), "number,status,from\n" + statuses);
        Files.writeString(reference.resolve("account-options.csv"), "account_id,option_id,quantity,from,to\n" + options);
        ReferenceData data = new ReferenceDataLoader(plans).load(reference);
        Path cdr = Files.createDirectories(dir.resolve("cdr"));
        Files.writeString(cdr.resolve("usage.csv"), CDR_HEADER + cdrs);
        Clock after = Clock.fixed(Instant.parse(period.plusMonths(1).atDay(3) + "T00:00:00Z"), ZoneOffset.UTC);
        Path home = dir.resolve("home");
        new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null).withClock(after)).run(List.of(cdr), null, n -> { });
        new RateRun(home, plans, data, ExchangeRates.none()).run(n -> { });
        try (JobStore store = JobStore.open(home, null, null, null)) {
            return new CloseMonth(store, home, dir.resolve("out"), plans, data, TaxRatesCsv.shipped(), after, Map.of()).run(period).directory();
        }
    }

    private static String numbers(String account, String prefix, int count, String kind) {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            rows.append(String.format("%s%02d,%s,%s,2024-01-01,%n", prefix, i, account, kind));
        }
        return rows.toString();
    }

    private static String calls(String id, String from, String to, String firstDay, int count, int seconds) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append(String.format("%s%d,msc,VOICE,OUT,%s,%s,%sT%02d:00:00+05:00,%d,,,%n", id, i, from, to, firstDay, i % 24, seconds));
        }
        return rows.toString();
    }

    @Test
    void shouldChargeTheKenseGroupFeeByNumbersAndRaiseThePersonalServiceFlagFrom50000() throws Exception {
        String accounts = "K12,ТОО «Двенадцать»,100000000012,kense-15,CREDIT,2024-01-01\n"
                + "K15,ТОО «Пятнадцать»,100000000015,kense-15,CREDIT,2024-01-01\n"
                + "K16,ТОО «Шестнадцать»,100000000016,kense-15,CREDIT,2024-01-01\n"
                + "KBIG,ТОО «Большой счёт»,100000000099,kense-15,CREDIT,2024-01-01\n"
                + "KPBX,ТОО «Офис»,100000000077,kense-15,CREDIT,2024-01-01\n";
        String numbers = numbers("K12", "770512000", 12, "MOBILE") + numbers("K15", "770515000", 15, "MOBILE")
                + numbers("K16", "770516000", 16, "MOBILE") + numbers("KBIG", "770599000", 16, "MOBILE")
                + "77061110000,KPBX,VPBX_GROUP,2024-01-01,\n" + "77051770001,KPBX,MOBILE,2024-01-01,\n";
        // KBIG's first SIM: 8 x 100 min + 68 min = 868 min to Kcell, 668 past the 200 included
        // KPBX's group number: 25 x 100 min + 2 min = 2 502 min to Kcell, 2 past the 2 500-minute pool
        String cdrs = calls("big", "77059900001", "77011234567", "2024-05-02", 8, 6000)
                + calls("big-last", "77059900001", "77011234567", "2024-05-03", 1, 4080)
                + calls("pbx", "77061110000", "77011234567", "2024-05-04", 24, 6000)
                + calls("pbx-b", "77061110000", "77011234567", "2024-05-05", 1, 6000)
                + calls("pbx-over", "77061110000", "77011234567", "2024-05-06", 1, 120);
        Path may = close(YearMonth.of(2024, 5), accounts, numbers, "", "", cdrs);

        // prices include 12 % VAT (2024), split per line: net = gross / 1.12, half-up
        // 12 and 15 numbers: the fee of 34 990 (no lower fee for fewer numbers)
        assertThat(lines(may, "K12")).containsExactly("PACKAGE 1 мес 34990.00 | 31241.07 3748.93 34990.00");
        assertThat(lines(may, "K15")).containsExactly("PACKAGE 1 мес 34990.00 | 31241.07 3748.93 34990.00");
        // 16 numbers: 34 990 + 3 000 = 37 990
        assertThat(lines(may, "K16")).containsExactly("PACKAGE 1 мес 34990.00 | 31241.07 3748.93 34990.00",
                "EXTRA_NUMBER 1 номер 3000.00 | 2678.57 321.43 3000.00");
        assertThat(invoice(may, "K16")).isEqualTo("33919.64 4070.36 37990.00 ");
        // 668 minutes x 18 = 12 024; 37 990 + 12 024 = 50 014 >= 50 000: personal service
        assertThat(lines(may, "KBIG")).contains("USAGE-VOICE_KZ_OFFNET 668 мин 18.00 | 10735.71 1288.29 12024.00");
        assertThat(invoice(may, "KBIG")).isEqualTo("44655.35 5358.65 50014.00 PERSONAL_SERVICE");
        // the pool overrun: 2 minutes x 18 = 36, on the virtual PBX's own rule
        assertThat(lines(may, "KPBX")).containsExactly("PACKAGE 1 мес 34990.00 | 31241.07 3748.93 34990.00",
                "USAGE-VOICE_VPBX 2 мин 18.00 | 32.14 3.86 36.00");
        // every PDF carries the total in words; K16's reads 37 990 tenge
        try (PDDocument pdf = Loader.loadPDF(may.resolve("invoices/K16.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Счёт на оплату № KZB-2024-00000").contains("ТОО «Шестнадцать»").contains("БИН/ИИН 100000000016")
                    .contains("Тридцать семь тысяч девятьсот девяносто тенге 00 тиын").contains("Срок оплаты: 30.06.2024");
        }
    }

    @Test
    void shouldApplyTheNewKazakhVatRateToA2026Invoice() throws Exception {
        Path may = close(YearMonth.of(2026, 5), "K1,ТОО «Сегодня»,100000000001,kense-15,CREDIT,2024-01-01\n",
                numbers("K1", "770501000", 3, "MOBILE"), "", "", "");
        // 16 % from 2026-01-01: net = 34 990 / 1.16 = 30 163.79, VAT 4 826.21
        assertThat(lines(may, "K1")).containsExactly("PACKAGE 1 мес 34990.00 | 30163.79 4826.21 34990.00");
    }

    @Test
    void shouldPriceACloudPbxPackageByTheDivideBy12RuleWithExtrasAndBlockedDays() throws Exception {
        String accounts = "C1,ООО «Пакет»,7700000101,cloud-pbx-basic,CREDIT,2024-01-01\n"
                + "C2,ООО «Пауза»,7700000102,cloud-pbx-basic,CREDIT,2024-01-01\n"
                + "C3,ООО «Должник»,7700000103,cloud-pbx-basic,CREDIT,2024-01-01\n";
        String numbers = numbers("C1", "749510000", 5, "VPBX_GROUP") + "74952000001,C2,VPBX_GROUP,2024-01-01,\n"
                + "74953000001,C3,VPBX_GROUP,2024-01-01,\n";
        // C2 blocked at the customer's request 11-20 May (10 days); C3 blocked for debt from 11 May
        String statuses = "74952000001,BLOCKED_CUSTOMER,2024-05-11\n74952000001,ACTIVE,2024-05-21\n"
                + "74953000001,BLOCKED_DEBT,2024-05-11\n";
        String options = "C1,employees,12,2024-01-01,\nC1,call-recording,1,2024-01-01,\n";
        Path may = close(YearMonth.of(2024, 5), accounts, numbers, statuses, options, "");

        // prices include 20 % VAT; net per unit = price / 1.2 rounded half-up to kopecks, VAT = net x 20 %
        //   package 1 790 -> 1 491.67 + 298.33; 2 numbers above 3 x 150 -> 2 x 125.00 + 50.00;
        //   2 employees above 10 x 200 -> 2 x 166.67 = 333.34 + 66.67 = 400.01 (the kopeck the rule costs);
        //   call recording 1 500 -> 1 250.00 + 250.00
        //   then the price list's 1.2 % surcharge on the tariffs (note 3), a line of its own: 1.2 % of the net of the others,
        //   3 325.01 x 0.012 = 39.90012 -> 39.90, VAT 7.98
        assertThat(lines(may, "C1")).containsExactly("PACKAGE 1 мес 1790.00 | 1491.67 298.33 1790.00",
                "EXTRA_MULTICHANNEL_NUMBER 2 номер 150.00 | 250.00 50.00 300.00",
                "EXTRA_EMPLOYEE 2 сотрудник 200.00 | 333.34 66.67 400.01",
                "CALL_RECORDING 1 мес 1500.00 | 1250.00 250.00 1500.00",
                "TARIFF_SURCHARGE 1.2 %  | 39.90 7.98 47.88");
        // net 3 325.01 + 39.90 = 3 364.91; VAT 665.00 + 7.98 = 672.98; gross 3 990.01 + 47.88 = 4 037.89
        assertThat(invoice(may, "C1")).isEqualTo("3364.91 672.98 4037.89 ");
        // blocked at the customer's request: charged for 21 of 31 days, 1 491.67 x 21 / 31 = 1 010.49, VAT 202.10;
        // surcharge 1 010.49 x 0.012 = 12.12588 -> 12.13, VAT 2.426 -> 2.43
        assertThat(lines(may, "C2")).containsExactly("PACKAGE 1 мес 1790.00 | 1010.49 202.10 1212.59",
                "TARIFF_SURCHARGE 1.2 %  | 12.13 2.43 14.56");
        // blocked for debt: charged in full; surcharge 1 491.67 x 0.012 = 17.90004 -> 17.90, VAT 3.58
        assertThat(lines(may, "C3")).containsExactly("PACKAGE 1 мес 1790.00 | 1491.67 298.33 1790.00",
                "TARIFF_SURCHARGE 1.2 %  | 17.90 3.58 21.48");
    }

    @Test
    void shouldChargeAFreephoneOwnerItsConnectionItsPlanAndIncomingMinutesByOrigin() throws Exception {
        String freephone = "78001234567";
        String cdrs = "f1,msc,VOICE,IN," + freephone + ",74951234567,2024-05-12T10:00:00+03:00,120,,,\n"  // Moscow, 2 min x 2.00
                + "f2,msc,VOICE,IN," + freephone + ",78432123456,2024-05-12T11:00:00+03:00,60,,,\n"      // Kazan, 1 min x 3.50
                + "f3,msc,VOICE,IN," + freephone + ",73432123456,2024-05-12T12:00:00+03:00,90,,,\n"      // Yekaterinburg, 2 min x 3.00
                + "f4,msc,VOICE,IN," + freephone + ",78314212345,2024-05-12T13:00:00+03:00,30,,,\n"      // 783142 of 783141-3: 1 min x 3.50
                + "f5,msc,VOICE,IN," + freephone + ",79161234567,2024-05-12T14:00:00+03:00,61,,,\n";     // a mobile, 2 min x 3.50
        Path may = close(YearMonth.of(2024, 5), "F1,ООО «Горячая линия»,7700000201,prostoy-freephone-standard,CREDIT,2024-05-10\n",
                freephone + ",F1,FREEPHONE,2024-05-10,\n", "", "", cdrs);

        // prices include 20 % VAT, split per line: net = gross / 1.2
        assertThat(lines(may, "F1")).containsExactly(
                "PBX_RENT 1 мес 750.00 | 625.00 125.00 750.00",
                "NUMBER_RENT 1 мес 750.00 | 625.00 125.00 750.00",
                "FREEPHONE_CONNECTION 1 шт 2950.00 | 2458.33 491.67 2950.00",
                // one line per rule of the tariff, in the tariff's order
                "USAGE-FREEPHONE_IN_MOSCOW_SPB 2 мин 2.00 | 3.33 0.67 4.00",
                "USAGE-FREEPHONE_IN_KAZAN_NN_CHELYABINSK 2 мин 3.50 | 5.83 1.17 7.00",
                "USAGE-FREEPHONE_IN_EKB_NSK_ROSTOV_SAMARA 2 мин 3.00 | 5.00 1.00 6.00",
                "USAGE-FREEPHONE_IN_RUSSIA_OTHER 2 мин 3.50 | 5.83 1.17 7.00");
        // gross 750 + 750 + 2 950 + 6 + 7 + 4 + 7 = 4 474.00; net 625 + 625 + 2 458.33 + 5 + 5.83 + 3.33 + 5.83 = 3 728.32
        assertThat(invoice(may, "F1")).isEqualTo("3728.32 745.68 4474.00 ");
        // a Russian VAT payer's invoice is also the УПД in the ФНС's XML, which its published schema accepts, with the same totals
        byte[] upd = Files.readAllBytes(may.resolve("upd/F1.xml"));
        dev.ratel.jobs.documents.UpdXmlTest.validate(upd);
        assertThat(new String(upd, java.nio.charset.Charset.forName("windows-1251")))
                .contains("СтТовБезНДСВсего=\"3728.32\" СтТовУчНалВсего=\"4474.00\"><СумНалВсего><СумНал>745.68</СумНал>");
    }

    @Test
    void shouldChargeAnOptionForTheDaysHeldAndTopTheBillUpToTheMinimum() throws Exception {
        // not a seed plan: a plan of our own with an option charged by days and a minimum monthly total
        Path tariffs = Files.createDirectories(dir.resolve("tariffs"));
        Files.writeString(tariffs.resolve("minimum.yaml"), String.join("\n",
                "plan: office-minimum", "name: Офис с минимальным платежом", "currency: RUB", "time-zone: Europe/Moscow",
                "tax: {jurisdiction: RU, prices: include-tax-per-line}", "payment-term-days: 10",
                "seller: {name: ООО «Тест», tax-id: \"7700000009\", kpp: \"770001001\", invoice-series: TST}",
                "versions:", "  - valid-from: 2024-01-01",
                "    rules:", "      - {charge: VOICE_IN, service: VOICE, directions: [IN], then: free}",
                "    fees:",
                "      - {code: PACKAGE, description: Абонентская плата, unit: мес, price: 500}",
                "      - {code: CRM, description: CRM-коннектор, unit: мес, price: 450, counts: option(crm), billed: in-arrears, proration: daily}",
                "      - {code: MINIMUM, description: Доплата до минимального платежа, unit: мес, price: 1500, counts: minimum-total}", ""));
        plans = new java.util.HashMap<>(plans);
        plans.putAll(new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(tariffs));
        Path may = close(YearMonth.of(2024, 5), "M1,ООО «Минимум»,7700000301,office-minimum,CREDIT,2024-01-01\n",
                "74955000001,M1,SIP,2024-01-01,\n", "", "M1,crm,1,2024-05-21,\n", "");

        // CRM from 21 May: 11 of 31 days, 450 x 11 / 31 = 159.68; 500 + 159.68 = 659.68 is topped up by 840.32 to 1 500
        // (prices include 20 % VAT, split per line: 416.67 + 83.33; 133.07 + 26.61; 700.27 + 140.05)
        assertThat(lines(may, "M1")).containsExactly("PACKAGE 1 мес 500.00 | 416.67 83.33 500.00",
                "CRM 1 мес 450.00 | 133.07 26.61 159.68",
                "MINIMUM 1 мес 840.32 | 700.27 140.05 840.32");
        assertThat(invoice(may, "M1")).isEqualTo("1250.01 249.99 1500.00 ");
    }
}
