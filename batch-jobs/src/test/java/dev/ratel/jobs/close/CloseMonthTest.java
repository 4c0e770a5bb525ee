package dev.ratel.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.KenseMonth;
import dev.ratel.jobs.batch.JobStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closes the hand-worked {@link KenseMonth} under a real H2 (and PostgreSQL) job repository. */
class CloseMonthTest {
    static final YearMonth MAY = YearMonth.of(2024, 5);
    static final Clock JUNE = Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC);
    static final String KCELL = KenseMonth.KCELL;

    @TempDir
    Path dir;
    Map<String, TariffPlan> plans;
    ReferenceData reference;

    @BeforeEach
    void setUp() throws Exception {
        KenseMonth month = KenseMonth.rated(dir);
        plans = month.plans();
        reference = month.reference();
    }

    private CloseMonth.Result close(Path out) throws Exception {
        try (JobStore store = JobStore.open(dir.resolve("home"), null, null, null)) {
            return new CloseMonth(store, dir.resolve("home"), out, plans, reference, TaxRatesCsv.shipped(), JUNE, Map.of()).run(MAY);
        }
    }

    @Test
    void shouldInvoiceTheKenseFeeForSixteenNumbersAndTheUsagePastTheAllowances() throws Exception {
        CloseMonth.Result result = close(dir.resolve("out"));

        assertThat(result.invoices()).isEqualTo(1);
        assertThat(result.usageRecords()).isEqualTo(3 + 101 + 1);
        // Keńse prices include 12 % VAT (2024), split per line: net = gross / 1.12 rounded half-up to tiyn.
        //   PACKAGE       34 990.00 -> net 31 241.07, VAT 3 748.93
        //   EXTRA_NUMBER   3 000.00 (16th SIM) -> net 2 678.57, VAT 321.43
        //   1 minute past 200 to Kcell at 18.00 -> net 16.07, VAT 1.93
        //   1 SMS past 100 at 18.00 -> net 16.07, VAT 1.93
        //   total 38 026.00 = net 33 951.78 + VAT 4 074.22; issued 31.05.2024, due +30 days = 30.06.2024
        List<String> invoices = Files.readAllLines(result.directory().resolve("invoices.csv"));
        assertThat(invoices).containsExactly(
                "account_id,invoice_no,period,issue_date,due_date,currency,net,tax,gross,flags",
                "K1,KZB-2024-000001,2024-05,2024-05-31,2024-06-30,KZT,33951.78,4074.22,38026.00,");
        List<String> lines = Files.readAllLines(result.directory().resolve("invoice-lines.csv"));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("K1,KZB-2024-000001,1,PACKAGE,").endsWith(",1,мес,34990.00,31241.07,12.00,3748.93,34990.00");
        assertThat(lines.get(2)).startsWith("K1,KZB-2024-000001,2,EXTRA_NUMBER,").endsWith(",1,номер,3000.00,2678.57,12.00,321.43,3000.00");
        // each usage line is the tariff rule's own: its charge code and description (kense-15.yaml); the rules draw
        // allowances, so what is billed is what they did not cover
        assertThat(lines.get(3)).isEqualTo("K1,KZB-2024-000001,3,USAGE-VOICE_KZ_OFFNET,"
                + "Звонки на номера других операторов и городские номера РК — сверх пакета,1,мин,18.00,16.07,12.00,1.93,18.00");
        assertThat(lines.get(4)).isEqualTo("K1,KZB-2024-000001,4,USAGE-SMS_KZ,"
                + "SMS на мобильные номера РК — сверх пакета,1,шт,18.00,16.07,12.00,1.93,18.00");
        assertThat(Files.size(result.directory().resolve("invoices/K1.pdf"))).isGreaterThan(10_000);
    }

    @Test
    void shouldCloseTheSameMonthUnderAPostgreSqlJobRepository() throws Exception {
        // a real PostgreSQL server started from Maven artifacts; the job store creates both schemas in it
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            CloseMonth.Result result;
            try (JobStore store = JobStore.open(dir.resolve("home"), url, "postgres", "")) {
                result = new CloseMonth(store, dir.resolve("home"), dir.resolve("out"), plans, reference, TaxRatesCsv.shipped(), JUNE,
                        Map.of()).run(MAY);
            }
            assertThat(Files.readAllLines(result.directory().resolve("invoices.csv"))).contains(
                    "K1,KZB-2024-000001,2024-05,2024-05-31,2024-06-30,KZT,33951.78,4074.22,38026.00,");
            try (JobStore store = JobStore.open(dir.resolve("home"), url, "postgres", "")) {
                assertThat(store.repository().getJobInstanceCount("close-month")).isEqualTo(1);
                assertThat(new InvoiceStore(store.dataSource()).closedPeriods()).containsExactly("2024-05");
            }
        }
    }

    @Test
    void shouldRateUsageForAClosedMonthIntoTheNextOpenOneAsALateAdjustment() throws Exception {
        CloseMonth.Result may = close(dir.resolve("out"));
        byte[] mayInvoices = Files.readAllBytes(may.directory().resolve("invoices.csv"));
        // June: SIM 01 uses its 200 minutes, then a May call that the switch delivered late arrives
        String header = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n";
        Path june = Files.createDirectories(dir.resolve("cdr-june"));
        Files.writeString(june.resolve("june.csv"), header
                + "j1,msc,VOICE,OUT,77051110001," + KCELL + ",2024-06-02T10:00:00+05:00,6000,,,\n"
                + "j2,msc,VOICE,OUT,77051110001," + KCELL + ",2024-06-03T10:00:00+05:00,6000,,,\n"
                + "late1,msc,VOICE,OUT,77051110001," + KCELL + ",2024-05-31T22:00:00+05:00,45,,,\n");
        Clock july = Clock.fixed(Instant.parse("2024-07-03T00:00:00Z"), ZoneOffset.UTC);
        new Ingest(IngestSettings.defaults(dir.resolve("home"), CdrFormat.CANONICAL, null).withClock(july)).run(List.of(june), null, n -> { });
        CloseMonth.Result result;
        try (JobStore store = JobStore.open(dir.resolve("home"), null, null, null)) {
            new RateRun(dir.resolve("home"), plans, reference, ExchangeRates.none(),
                    new InvoiceStore(store.dataSource()).closedPeriodKeys()).run(n -> { });
            result = new CloseMonth(store, dir.resolve("home"), dir.resolve("out"), plans, reference, TaxRatesCsv.shipped(), july,
                    Map.of()).run(YearMonth.of(2024, 6));
        }

        // the late call of 31 May drew on May's minutes as May ended, all 200 used (SIM 01 talked 201 minutes in May): 45 s
        // billed as 1 minute at 18.00, on June's invoice, taxed at May's rate (12 %)
        PeriodUsage usage = PeriodUsage.read(dir.resolve("out").toUri().toString(), "2024-06", plans);
        assertThat(usage.of("K1")).filteredOn(group -> group.late).singleElement()
                .satisfies(group -> assertThat(group.records).isEqualTo(1))
                .satisfies(group -> assertThat(group.amountScaled).isEqualTo(18_0000));
        List<String> lines = Files.readAllLines(result.directory().resolve("invoice-lines.csv"));
        assertThat(lines).contains("K1,KZB-2024-000002,3,LATE-VOICE_KZ_OFFNET,Звонки на номера других операторов и городские"
                + " номера РК — сверх пакета (корректировка за май 2024 г.: поздние записи),1,мин,18.00,16.07,12.00,1.93,18.00");
        // 34 990 + 3 000 + 18 (late); numbered next in the series, and May's invoice is untouched
        assertThat(Files.readAllLines(result.directory().resolve("invoices.csv")))
                .contains("K1,KZB-2024-000002,2024-06,2024-06-30,2024-07-30,KZT,33935.71,4072.29,38008.00,");
        assertThat(Files.readAllBytes(may.directory().resolve("invoices.csv"))).isEqualTo(mayInvoices);
    }

    @Test
    void shouldRenderTheActWithItsAppendixAndTheInvoiceRegister() throws Exception {
        CloseMonth.Result may = close(dir.resolve("out"));
        Path acts = may.directory().resolve("acts");
        // the close renders the act's PDF with the invoice's; its workbook only on request
        assertThat(acts.resolve("K1.pdf")).isNotEmptyFile();
        assertThat(acts.resolve("K1.xlsx")).doesNotExist();
        try (JobStore store = JobStore.open(dir.resolve("home"), null, null, null)) {
            assertThat(new PeriodDocuments(store, dir.resolve("home"), dir.resolve("out"), plans, reference, JUNE).run(MAY, true)).isEqualTo(1);
        }
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(acts.resolve("K1.pdf").toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            // form Р-1: the act's number and date in their box; 38 026,00 with VAT 4 074,22 as worked out above
            assertThat(text).contains("Форма Р-1").contains("АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)*")
                    .contains("KZB-2024-000001 31.05.2024")
                    .contains("Заказчик: ТОО «Алатау Қызмет» БИН/ИИН 800800800800")
                    .contains("Итого, KZT (в том числе НДС 4\u00A0074,22) x x 38\u00A0026,00")
                    .contains("Тридцать восемь тысяч двадцать шесть тенге 00 тиын")
                    .contains("Приложение № 1 к акту № KZB-2024-000001");
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
        }
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(acts.resolve("K1.xlsx").toFile())) {
            var appendix = workbook.getSheet("Приложение 1");
            // SIM 01: 201 minutes, 200 from the allowance; 101 SMS, 100 from it; 18 + 18 charged; nothing left of either
            var sim1 = appendix.getRow(3);
            assertThat(sim1.getCell(0).getStringCellValue()).isEqualTo("77051110001");
            // the kind in words, not the reference data's code
            assertThat(sim1.getCell(1).getStringCellValue()).isEqualTo("мобильный");
            // minutes are numbers the workbook can sum
            assertThat(sim1.getCell(2).getNumericCellValue()).isEqualTo(201);
            assertThat(sim1.getCell(3).getNumericCellValue()).isEqualTo(200);
            assertThat(sim1.getCell(4).getNumericCellValue()).isEqualTo(101);
            assertThat(sim1.getCell(8).getStringCellValue()).isEqualTo("internet 30720.0 МБ");
            assertThat(sim1.getCell(9).getNumericCellValue()).isEqualTo(36.00);
            // SIM 02 talked on-net only: all of its 200 minutes and 100 SMS expired
            assertThat(appendix.getRow(4).getCell(8).getStringCellValue())
                    .isEqualTo("kz-offnet-minutes 200 мин; kz-sms 100 SMS; internet 30720.0 МБ");
            // 17 numbers, then the total: the 18 + 18 of SIM 01 are the act's only usage lines
            assertThat(appendix.getLastRowNum()).isEqualTo(3 + 17);
            assertThat(appendix.getRow(3 + 17).getCell(9).getNumericCellValue()).isEqualTo(36.00);
            assertThat(workbook.getSheet("Акт").getRow(6).getCell(8).getNumericCellValue()).isEqualTo(34990.00);
        }
        try (var register = new org.apache.poi.xssf.usermodel.XSSFWorkbook(may.directory().resolve("invoice-register.xlsx").toFile())) {
            var row = register.getSheetAt(0).getRow(3);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("KZB-2024-000001");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("ТОО «Алатау Қызмет»");
            assertThat(row.getCell(9).getNumericCellValue()).isEqualTo(38026.00);
        }
    }

    @Test
    void shouldListEveryRatedRecordOfANumberInItsCallDetail() throws Exception {
        close(dir.resolve("out"));
        java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
        long records = dev.ratel.jobs.documents.CallDetail.write(dir.resolve("out").toUri().toString(), "77051110001",
                reference.account("K1"), java.time.LocalDate.of(2024, 5, 1), java.time.LocalDate.of(2024, 5, 31), plans.get("kense-15"),
                dev.ratel.jobs.documents.CallDetail.Format.XLSX, xlsx);
        // SIM 01: three calls and 101 SMS, in time order; the 201st minute and the 101st SMS cost 18.00 each
        assertThat(records).isEqualTo(3 + 101);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Детализация услуг по номеру 77051110001 за период"
                    + " 01.05.2024 — 31.05.2024. Абонент: " + reference.account("K1").customerName() + ", лицевой счёт K1");
            // the time is a date cell in the plan's zone; the call is outgoing, in seconds
            assertThat(sheet.getRow(3).getCell(0).getLocalDateTimeCellValue()).isEqualTo(java.time.LocalDateTime.of(2024, 5, 2, 10, 0));
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("Звонок");
            assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("Исходящий");
            assertThat(sheet.getRow(3).getCell(4).getStringCellValue()).isEqualTo("kz-mobile-other");
            assertThat(sheet.getRow(3).getCell(5).getNumericCellValue()).isEqualTo(6000);
            assertThat(sheet.getRow(3).getCell(7).getStringCellValue()).isEqualTo("с");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
            assertThat(sheet.getRow(5).getCell(8).getNumericCellValue()).isEqualTo(18.00);
            assertThat(sheet.getRow(3 + 103).getCell(1).getStringCellValue()).isEqualTo("SMS");
            assertThat(sheet.getRow(3 + 103).getCell(8).getNumericCellValue()).isEqualTo(18.00);
            assertThat(sheet.getRow(3 + 104 + 1).getCell(8).getNumericCellValue()).isEqualTo(36.00);
        }
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        dev.ratel.jobs.documents.CallDetail.write(dir.resolve("out").toUri().toString(), "77051110001", reference.account("K1"),
                java.time.LocalDate.of(2024, 5, 1), java.time.LocalDate.of(2024, 5, 31), plans.get("kense-15"),
                dev.ratel.jobs.documents.CallDetail.Format.PDF, pdf);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.toByteArray())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Записей: 104; начислено: 36.00 KZT").contains("Абонент: " + reference.account("K1").customerName()).contains("K1 (время: Asia/Almaty)")
                    // the first call: 100 minutes, outgoing
                    .contains("02.05.2024 10:00:00 Звонок Исходящий").contains("100:00 мин").contains(" шт");
        }
        // the last 90 days counting today: on 2024-07-29 the 1st of May is the 90th day back, the 30th of April is not
        dev.ratel.jobs.documents.CallDetail.checkPeriod(java.time.LocalDate.of(2024, 5, 1), java.time.LocalDate.of(2024, 5, 31),
                java.time.LocalDate.of(2024, 7, 29));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.ratel.jobs.documents.CallDetail.checkPeriod(
                java.time.LocalDate.of(2024, 4, 30), java.time.LocalDate.of(2024, 5, 31), java.time.LocalDate.of(2024, 7, 29)))
                .hasMessageContaining("last 90 days counting today, from 2024-05-01");
    }

    @Test
    void shouldRefuseToCloseWhenRatedUsageBelongsToAnAccountTheReferenceDataLost() throws Exception {
        // K1 rated its May, then vanished from accounts.csv: its usage must not be billed to nobody
        ReferenceData without = new ReferenceData(Map.of("X1", new dev.ratel.core.account.Account("X1", "ТОО «Другое»", "1",
                "kense-15", dev.ratel.core.account.PaymentMethod.CREDIT, java.time.LocalDate.of(2024, 1, 1))),
                Map.of(), Map.of(), Map.of(), Map.of());
        try (JobStore store = JobStore.open(dir.resolve("home"), null, null, null)) {
            CloseMonth close = new CloseMonth(store, dir.resolve("home"), dir.resolve("out"), plans, without, TaxRatesCsv.shipped(), JUNE, Map.of());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> close.run(MAY))
                    .hasMessageContaining("accounts missing from accounts.csv: K1");
            assertThat(new InvoiceStore(store.dataSource()).isClosed("2024-05")).isFalse();
        }
    }

    @Test
    void shouldRecordWhatExpiredOfEveryAllowanceAtTheEndOfTheMonth() throws Exception {
        CloseMonth.Result result = close(dir.resolve("out"));

        List<String> expired = Files.readAllLines(result.directory().resolve("allowances-expired.csv"));
        // 16 SIMs x (200 min, 100 SMS, 30 GiB) + the group number's 2 500-minute pool; on-net minutes are unlimited
        assertThat(expired).hasSize(1 + 16 * 3 + 1);
        assertThat(expired).contains("K1,77051110001,kz-offnet-minutes,SECONDS,12000,12000,0",
                "K1,77051110001,kz-sms,SMS,100,100,0",
                "K1,77051110002,kz-offnet-minutes,SECONDS,12000,0,12000",
                "K1,77061110000,vpbx-pool,SECONDS,150000,0,150000");
    }

    @Test
    void shouldReproduceTheSameFilesAndKeepTheIssuedInvoiceWhenAClosedPeriodIsClosedAgain() throws Exception {
        CloseMonth.Result first = close(dir.resolve("out"));
        byte[] invoices = Files.readAllBytes(first.directory().resolve("invoices.csv"));
        byte[] lines = Files.readAllBytes(first.directory().resolve("invoice-lines.csv"));
        Files.delete(first.directory().resolve("invoices.csv"));

        CloseMonth.Result again = close(dir.resolve("out"));

        assertThat(again.alreadyClosed()).isTrue();
        assertThat(Files.readAllBytes(again.directory().resolve("invoices.csv"))).isEqualTo(invoices);
        assertThat(Files.readAllBytes(again.directory().resolve("invoice-lines.csv"))).isEqualTo(lines);
        assertThat(new String(invoices, StandardCharsets.UTF_8)).contains("KZB-2024-000001").doesNotContain("000002");
    }
}
