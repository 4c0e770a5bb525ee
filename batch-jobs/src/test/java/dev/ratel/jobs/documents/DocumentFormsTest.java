package dev.ratel.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.Requisites;
import dev.ratel.core.money.Currency;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.close.Invoice;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The invoice (счёт на оплату) and the act (form Р-1 for Kazakhstan) as an accountant reads them (issue #21): rendered,
 * read back with PDFBox, and every field and total checked. The May of Keńse 15 worked out by hand in CloseMonthTest:
 * package 34 990, an extra number 3 000, 1 minute and 1 SMS past the allowances at 18 each = 38 026,00 KZT, VAT 12 %
 * inside each line: 3 748,93 + 321,43 + 1,93 + 1,93 = 4 074,22.
 */
class DocumentFormsTest {
    private static final char NBSP = '\u00A0';
    private final Map<String, TariffPlan> plans;
    private final Invoice may = new Invoice("KZB-2024-000001", "K1", "2024-05", "kense-15", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30),
            Currency.KZT, List.of(
                    new Invoice.Line(1, "PACKAGE", "Пакет Keńse 15", "1", "мес", 349_900_000L, 1200, new LineAmounts(3_124_107, 374_893, 3_499_000)),
                    new Invoice.Line(2, "EXTRA_NUMBER", "Дополнительный номер", "1", "номер", 30_000_000L, 1200, new LineAmounts(267_857, 32_143, 300_000)),
                    new Invoice.Line(3, "USAGE-VOICE-kz-mobile-other", "Звонки — сверх пакета", "1", "мин", 180_000L, 1200, new LineAmounts(1_607, 193, 1_800)),
                    new Invoice.Line(4, "USAGE-SMS-kz-mobile-other", "SMS — сверх пакета", "1", "шт", 180_000L, 1200, new LineAmounts(1_607, 193, 1_800))),
            Set.of());
    private final Account customer = new Account("K1", "ТОО «Алатау Қызмет»", "971240001315", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
    private final CustomerDetails details = new CustomerDetails("K1", new Requisites("г. Алматы, пр. Абая, 1", "", "АО «Kaspi Bank»", "CASPKZKA", "",
            "KZ86125KZT5004100100", "17", "", "buh@alatau.kz"), "Д-15/24", LocalDate.of(2024, 1, 10), "Директор", "Сейтов Б. К.");

    DocumentFormsTest() throws Exception {
        plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
    }

    private static String text(byte[] pdf, int page) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return stripper.getText(document);
        }
    }

    @Test
    void shouldRenderTheKazakhInvoiceWithTheBankBlockCountAndAmountsInWords() throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        InvoicePdf.write(may, customer, details, plans.get("kense-15"), pdf);
        String text = text(pdf.toByteArray(), 1);
        // the beneficiary's block from the sample seller: БИН, ИИК with Кбе, bank and БИК
        assertThat(text).contains("Бенефициар: ТОО «КаР-Тел» (Beeline Казахстан), БИН 990140000017 ИИК KZ86125KZT5004100100   Кбе 17")
                .contains("Банк бенефициара: АО «Народный Банк Казахстана» (образец) БИК HSBKKZKX")
                .contains("Счёт на оплату № KZB-2024-000001 от 31 мая 2024 г.")
                .contains("Основание: Договор № Д-15/24 от 10.01.2024")
                .contains("За период: услуги связи за май 2024 г. (тарифный план «Keńse 15»)")
                .contains("1 Пакет Keńse 15 1 мес 34" + NBSP + "990,00 31" + NBSP + "241,07 12% 3" + NBSP + "748,93 34" + NBSP + "990,00")
                .contains("Итого, KZT 33" + NBSP + "951,78 4" + NBSP + "074,22 38" + NBSP + "026,00")
                .contains("Всего наименований 4, на сумму 38" + NBSP + "026,00 KZT")
                .contains("Тридцать восемь тысяч двадцать шесть тенге 00 тиын, в том числе НДС 4" + NBSP + "074,22 KZT.")
                .contains("Руководитель ____________________ /Ахметов А. А./")
                .contains("Главный бухгалтер ____________________ /Серикова Г. Б./");
        // the buyer's paragraph wraps where the page ends it
        assertThat(text.replace('\n', ' ')).contains("Покупатель (Заказчик): ТОО «Алатау Қызмет», БИН/ИИН 971240001315, г. Алматы, пр. Абая, 1, "
                + "ИИК KZ86125KZT5004100100, в АО «Kaspi Bank», БИК CASPKZKA, Кбе 17, лицевой счёт K1");
    }

    @Test
    void shouldRenderTheRussianInvoiceWithThePaymentOrderGrid() throws Exception {
        Account russian = new Account("R1", "ООО «Волга»", "7707083893", "cloud-pbx-basic", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        Invoice invoice = new Invoice("CPBX-2024-000001", "R1", "2024-05", "cloud-pbx-basic", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 10),
                Currency.RUB, List.of(new Invoice.Line(1, "PACKAGE", "Пакет «Базовый»", "1", "мес", 12_345_678L, 2000,
                        new LineAmounts(102_881, 20_576, 123_457))), Set.of());
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        InvoicePdf.write(invoice, russian, null, plans.get("cloud-pbx-basic"), pdf);
        String text = text(pdf.toByteArray(), 1);
        assertThat(text).contains("Банк получателя: ПАО Сбербанк (образец) БИК 044525225\nСч. № 30101810400000000225\n"
                        + "ИНН 7700000009   КПП 770001001 Сч. № 40702810200000000001\nПолучатель: ООО «Облачная АТС» (образец)")
                // no customers.csv row: the account and plan are the basis, the customer line has what accounts.csv has
                .contains("Покупатель (Заказчик): ООО «Волга», ИНН 7707083893, лицевой счёт R1")
                .contains("Основание: лицевой счёт R1, тарифный план")
                // 1 234,5678 a month: the tariff's price has four decimals and prints them
                .contains("1 Пакет «Базовый» 1 мес 1" + NBSP + "234,5678 1" + NBSP + "028,81 20% 205,76 1" + NBSP + "234,57")
                .contains("Всего наименований 1, на сумму 1" + NBSP + "234,57 RUB")
                .contains("Одна тысяча двести тридцать четыре рубля 57 копеек, в том числе НДС 205,76 RUB.");
    }

    @Test
    void shouldRenderTheKazakhActAsFormR1WithItsAppendix() throws Exception {
        Act act = new Act(may, customer, plans.get("kense-15"), List.of(
                new Act.NumberRow("77051110001", "мобильный", "201", "200", 101, 100, "0.0", "0.0", "", 3_600L)), null).withDetails(details);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ActPdf.write(act, pdf);
        String first = text(pdf.toByteArray(), 1);
        assertThat(first).contains("Приложение 50 к приказу Министра финансов Республики Казахстан\nот 20 декабря 2012 года № 562\nФорма Р-1")
                .contains("Заказчик: ТОО «Алатау Қызмет», г. Алматы, пр. Абая, 1 БИН/ИИН 971240001315")
                .contains("Исполнитель: ТОО «КаР-Тел» (Beeline Казахстан), Республика Казахстан, 050000, г. Алматы, ул.")
                .contains("Договор (контракт): № Д-15/24 от 10.01.2024 KZB-2024-000001 31.05.2024")
                .contains("АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)*")
                .contains("1 2 3 4 5 6 7 8")
                .contains("1 Пакет Keńse 15 01.05.2024 –")
                .contains("Итого, KZT (в том числе НДС 4" + NBSP + "074,22) x x 38" + NBSP + "026,00")
                .contains("Тридцать восемь тысяч двадцать шесть тенге 00 тиын")
                .contains("Сдал (Исполнитель) Руководитель ____________________ /Ахметов А. А./")
                .contains("Принял (Заказчик) Директор ____________________ /Сейтов Б. К./")
                .contains("Дата подписания (принятия) работ (услуг)")
                .contains("* Применяется для приемки-передачи выполненных работ (оказанных услуг)");
        String appendix = text(pdf.toByteArray(), 2);
        // the usage lines are 18,00 + 18,00 = 36,00, all of it SIM 01's
        assertThat(appendix).contains("Приложение № 1 к акту № KZB-2024-000001 от 31.05.2024: услуги по номерам")
                .contains("77051110001 мобильный 201 200 101 100 0.0 0.0 36,00")
                .contains("Итого начислено сверх пакета, KZT (с НДС) 36,00");
    }

    @Test
    void shouldWriteMoneyDatesAndPeriodsAsAccountantsDo() {
        assertThat(DocumentText.money(3_499_000)).isEqualTo("34" + NBSP + "990,00");
        assertThat(DocumentText.money(123_456_789_05L)).isEqualTo("123" + NBSP + "456" + NBSP + "789,05");
        assertThat(DocumentText.money(-1_800)).isEqualTo("-18,00");
        assertThat(DocumentText.money(7)).isEqualTo("0,07");
        assertThat(DocumentText.date(LocalDate.of(2024, 5, 31))).isEqualTo("31 мая 2024 г.");
        assertThat(DocumentText.period("2024-05")).isEqualTo("май 2024 г.");
        assertThat(DocumentText.period("2025-12")).isEqualTo("декабрь 2025 г.");
        assertThat(InvoicePdf.price(833L)).isEqualTo("0,0833");
        assertThat(InvoicePdf.price(349_900_000L)).isEqualTo("34" + NBSP + "990,00");
    }

    @Test
    void shouldWriteTheCallDetailsUnitsAndDirectionsAsACustomerReadsThem() {
        // 125 s = 2 min 5 s; 1 572 864 B = 1.5 x 2^20 B; 1 000 000 B = 0.953674... MB, to three places 0.954
        assertThat(CallDetail.units("VOICE", 125)).isEqualTo("2:05 мин");
        assertThat(CallDetail.units("VOICE", 6_000)).isEqualTo("100:00 мин");
        assertThat(CallDetail.units("SMS", 3)).isEqualTo("3 шт");
        assertThat(CallDetail.units("DATA", 1_572_864)).isEqualTo("1.500 МБ");
        assertThat(CallDetail.units("DATA", 1_000_000)).isEqualTo("0.954 МБ");
        assertThat(CallDetail.direction("OUT")).isEqualTo("Исходящий");
        assertThat(CallDetail.direction("IN")).isEqualTo("Входящий");
        assertThat(CallDetail.direction("FWD")).isEqualTo("Переадресация");
        assertThat(CallDetail.service("DATA")).isEqualTo("Интернет");
    }
}
