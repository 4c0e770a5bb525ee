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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The УПД (status 1: счёт-фактура and the document of services rendered) in the ФНС exchange format 5.02: every
 * document validated against the published XSD ({@code src/test/resources/fns}), and its fields read back.
 *
 * <p>The invoice is a May of Cloud PBX «Стандарт» (prices include 20 % VAT, split per line): the package 3 490,00 =
 * net 2 908,33 + VAT 581,67; the 1,2 % surcharge on the package's net, 2 908,33 x 0,012 = 34,90, + VAT 6,98 = 41,88;
 * 50 minutes at 1,00 = 50,00 = net 41,67 + VAT 8,33. Totals: net 2 908,33 +
 * 34,90 + 41,67 = 2 984,90; VAT 581,67 + 6,98 + 8,33 = 596,98; with VAT 3 490,00 + 41,88 + 50,00 = 3 581,88.
 */
public class UpdXmlTest {
    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private final TariffPlan plan;
    private final Invoice may = new Invoice("CPBX-2024-000007", "C02", "2024-05", "cloud-pbx-standard", LocalDate.of(2024, 5, 31),
            LocalDate.of(2024, 6, 10), Currency.RUB, List.of(
                    new Invoice.Line(1, "PACKAGE", "Виртуальная АТС «Стандарт»", "1", "мес", 34_900_000L, 2000,
                            new LineAmounts(290_833, 58_167, 349_000)),
                    new Invoice.Line(2, "TARIFF_SURCHARGE", "Надбавка к тарифам 1,2 %", "1.2", "%", null, 2000,
                            new LineAmounts(3_490, 698, 4_188)),
                    new Invoice.Line(3, "USAGE-VOICE_OUT_MOSCOW_SPB", "Исходящие звонки на номера Москвы и Санкт-Петербурга", "50", "мин",
                            10_000L, 2000, new LineAmounts(4_167, 833, 5_000))),
            Set.of());
    /** Сбербанк's published ИНН and КПП as a buyer. */
    private final Account organisation = new Account("C02", "ПАО Сбербанк", "7707083893", "cloud-pbx-standard", PaymentMethod.CREDIT,
            LocalDate.of(2024, 1, 1));
    private final CustomerDetails details = new CustomerDetails("C02", new Requisites("117312, г. Москва, ул. Вавилова, д. 19",
            "773601001", "", "", "", "", "", "", "buh@example.ru"), "Д-7/24", LocalDate.of(2024, 1, 15), "", "");

    UpdXmlTest() throws Exception {
        plan = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs")).get("cloud-pbx-standard");
    }

    @Test
    void shouldWriteAUpdOfAnOrganisationThatTheFnsSchemaAccepts() throws Exception {
        byte[] xml = write(organisation, details);
        validate(xml);
        assertThat(new String(xml, 0, 60, WINDOWS_1251)).startsWith("<?xml version='1.0' encoding='windows-1251'?><Файл");
        Document document = parse(xml);
        assertThat(value(document, "/Файл/@ВерсФорм")).isEqualTo("5.02");
        assertThat(value(document, "/Файл/Документ/@Функция")).isEqualTo("СЧФДОП");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/@НомерДок")).isEqualTo("CPBX-2024-000007");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/@ДатаДок")).isEqualTo("31.05.2024");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПрод/ИдСв/СвЮЛУч/@ИННЮЛ")).isEqualTo("7700000009");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПрод/ИдСв/СвЮЛУч/@КПП")).isEqualTo("770001001");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПрод/БанкРекв/СвБанк/@БИК")).isEqualTo("044525225");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПокуп/ИдСв/СвЮЛУч/@НаимОрг")).isEqualTo("ПАО Сбербанк");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПокуп/ИдСв/СвЮЛУч/@КПП")).isEqualTo("773601001");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПокуп/Адрес/АдрИнф/@АдрТекст"))
                .isEqualTo("117312, г. Москва, ул. Вавилова, д. 19");
        assertThat(value(document, "count(/Файл/Документ/ТаблСчФакт/СведТов)")).isEqualTo("3");
        // the package: 1 month, net 2 908,33 at 20 %, 3 490,00 with VAT; ОКЕИ 362 is the month
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[1]/@ОКЕИ_Тов")).isEqualTo("362");
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[1]/@ЦенаТов")).isEqualTo("2908.33");
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[1]/@НалСт")).isEqualTo("20%");
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[1]/СумНал/СумНал")).isEqualTo("581.67");
        // 50 minutes (ОКЕИ 355): 41,67 / 50 = 0,8334 a minute without VAT
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[3]/@ОКЕИ_Тов")).isEqualTo("355");
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[3]/@ЦенаТов")).isEqualTo("0.8334");
        // 34,90 / 1,2 has no exact price: none is given, the line's sums stand
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/СведТов[2]/@ЦенаТов")).isEmpty();
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/ВсегоОпл/@СтТовБезНДСВсего")).isEqualTo("2984.90");
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/ВсегоОпл/СумНалВсего/СумНал")).isEqualTo("596.98");
        assertThat(value(document, "/Файл/Документ/ТаблСчФакт/ВсегоОпл/@СтТовУчНалВсего")).isEqualTo("3581.88");
        assertThat(value(document, "/Файл/Документ/СвПродПер/СвПер/@ДатаНачПер")).isEqualTo("01.05.2024");
        assertThat(value(document, "/Файл/Документ/СвПродПер/СвПер/@ДатаОконПер")).isEqualTo("31.05.2024");
        assertThat(value(document, "/Файл/Документ/СвПродПер/СвПер/ОснПер/@РеквНомерДок")).isEqualTo("Д-7/24");
        assertThat(value(document, "/Файл/Документ/Подписант/ФИО/@Фамилия")).isEqualTo("Иванов");
        // the same invoice, the same bytes (the file's id and formation date come from the invoice)
        assertThat(write(organisation, details)).isEqualTo(xml);
        assertThat(value(document, "/Файл/@ИдФайл")).startsWith("ON_NSCHFDOPPR_7707083893773601001_7700000009770001001_20240531_");
    }

    @Test
    void shouldWriteAnEntrepreneurBuyerWithoutAContractAsTheSchemaAsks() throws Exception {
        Account entrepreneur = new Account("C09", "ИП Смирнов Олег Петрович", "500100732259", "cloud-pbx-standard", PaymentMethod.CREDIT,
                LocalDate.of(2024, 1, 1));
        byte[] xml = write(entrepreneur, null);
        validate(xml);
        Document document = parse(xml);
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПокуп/ИдСв/СвИП/@ИННФЛ")).isEqualTo("500100732259");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПокуп/ИдСв/СвИП/ФИО/@Имя")).isEqualTo("Олег");
        assertThat(value(document, "/Файл/Документ/СвСчФакт/СвПокуп/ИдСв/СвИП/ФИО/@Отчество")).isEqualTo("Петрович");
        assertThat(value(document, "/Файл/Документ/СвПродПер/СвПер/БезДокОснПер")).isEqualTo("1");
    }

    @Test
    void shouldBeRefusedByTheSchemaWhereFormat502CannotSayTheRate() throws Exception {
        // Russia's VAT is 22 % from 2026; format 5.02 knows 20 % as its highest rate, so the validator refuses the line
        // (format 5.03 carries it; see docs/user-guide.md) — and this shows the validator checks what it is given
        Invoice at22 = new Invoice("CPBX-2026-000001", "C02", "2026-01", "cloud-pbx-standard", LocalDate.of(2026, 1, 31),
                LocalDate.of(2026, 2, 10), Currency.RUB, List.of(new Invoice.Line(1, "PACKAGE", "Виртуальная АТС «Стандарт»", "1", "мес",
                        34_900_000L, 2200, new LineAmounts(286_066, 62_934, 349_000))), Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UpdXml.write(at22, organisation, details, plan, out);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> validate(out.toByteArray()))
                .isInstanceOf(org.xml.sax.SAXParseException.class).hasMessageContaining("22%");
    }

    private byte[] write(Account buyer, CustomerDetails customer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UpdXml.write(may, buyer, customer, plan, out);
        return out.toByteArray();
    }

    /** Validates against the published XSD; throws with the schema's own message where the document breaks it. */
    public static void validate(byte[] xml) throws Exception {
        SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try (var xsd = UpdXmlTest.class.getResourceAsStream("/fns/ON_NSCHFDOPPR_1_997_01_05_02_01.xsd")) {
            schemas.newSchema(new StreamSource(xsd)).newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String value(Document document, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document);
    }
}
