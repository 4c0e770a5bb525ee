package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.Requisites;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.Seller;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.jobs.close.Invoice;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The universal transfer document (УПД) with status 1 — счёт-фактура and the document of services rendered in one — in
 * the ФНС exchange format 5.02 ({@code ON_NSCHFDOPPR}, seller's title, КНД 1115131), the XML EDO operators and 1C
 * import. Written for invoices of plans taxed in Russia. In windows-1251, as the format requires; a character that
 * encoding lacks is written as a character reference.
 *
 * <p>What goes where: {@code СвСчФакт} the invoice number and issue date, {@code СвПрод} the plan's seller and
 * {@code СвПокуп} the account (a ten-digit ИНН is an organisation with its КПП, twelve digits an individual
 * entrepreneur), each with the address as text and the bank details; {@code ТаблСчФакт} one {@code СведТов} per
 * invoice line (ОКЕИ code where the unit has one: мин 355, шт 796, мес 362, МБ 2553), the totals in {@code ВсегоОпл};
 * {@code СвПродПер} the services rendered over the period on the contract; {@code Подписант} the seller's head. The
 * file's id names the buyer and seller by ИНН and КПП (the EDO operator's participant ids replace them when it
 * routes the file) and a UUID made from the invoice number, so the same invoice always gives the same bytes.
 */
public final class UpdXml {
    /** The format's version this writes. */
    public static final String FORMAT_VERSION = "5.02";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final Map<String, String> OKEI = Map.of("мин", "355", "шт", "796", "мес", "362", "МБ", "2553", "ГБ", "2554",
            "номер", "796", "%", "744");

    /** Looked up once: {@code newFactory} searches the class path for an implementation on every call. */
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private UpdXml() {
    }

    /** The file name ФНС gives the document: its id and {@code .xml}. */
    public static String fileName(Invoice invoice, Account buyer, CustomerDetails details, Seller seller) {
        return fileId(invoice, buyer, details, seller) + ".xml";
    }

    private static String fileId(Invoice invoice, Account buyer, CustomerDetails details, Seller seller) {
        String receiver = buyer.taxId() + (details == null ? "" : details.requisites().kpp());
        String sender = seller.taxId() + seller.requisites().kpp();
        return "ON_NSCHFDOPPR_" + receiver + "_" + sender + "_" + invoice.issueDate().toString().replace("-", "") + "_"
                + UUID.nameUUIDFromBytes(("ratel-upd:" + invoice.invoiceNo()).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the document. */
    public static void write(Invoice invoice, Account buyer, CustomerDetails details, TariffPlan plan, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out, "windows-1251");
            new UpdXml.Writer(xml, invoice, buyer, details == null ? new CustomerDetails(buyer.id(), Requisites.NONE, "", null, "", "")
                    : details, plan).document();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the УПД of " + invoice.invoiceNo() + ": " + e.getMessage(), e);
        }
    }

    private static final class Writer {
        private final XMLStreamWriter xml;
        private final Invoice invoice;
        private final Account buyer;
        private final CustomerDetails details;
        private final TariffPlan plan;
        private final Seller seller;

        Writer(XMLStreamWriter xml, Invoice invoice, Account buyer, CustomerDetails details, TariffPlan plan) {
            this.xml = xml;
            this.invoice = invoice;
            this.buyer = buyer;
            this.details = details;
            this.plan = plan;
            this.seller = plan.seller();
        }

        void document() throws XMLStreamException {
            xml.writeStartDocument("windows-1251", "1.0");
            xml.writeStartElement("Файл");
            xml.writeAttribute("ИдФайл", fileId(invoice, buyer, details, seller));
            xml.writeAttribute("ВерсФорм", FORMAT_VERSION);
            xml.writeAttribute("ВерсПрог", "Ratel");
            xml.writeStartElement("Документ");
            xml.writeAttribute("КНД", "1115131");
            xml.writeAttribute("Функция", "СЧФДОП");
            xml.writeAttribute("ПоФактХЖ", "Документ об отгрузке товаров (выполнении работ), передаче имущественных прав (документ об"
                    + " оказании услуг)");
            xml.writeAttribute("НаимДокОпр", "Счет-фактура и документ об отгрузке товаров (выполнении работ), передаче имущественных"
                    + " прав (документ об оказании услуг)");
            // the date the seller formed it: the issue date, so the same invoice gives the same file
            xml.writeAttribute("ДатаИнфПр", DATE.format(invoice.issueDate()));
            xml.writeAttribute("ВремИнфПр", "00.00.00");
            xml.writeAttribute("НаимЭконСубСост", seller.name() + ", ИНН/КПП " + seller.taxId() + "/" + seller.requisites().kpp());
            invoiceDetails();
            lines();
            transfer();
            signer();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
        }

        private void invoiceDetails() throws XMLStreamException {
            xml.writeStartElement("СвСчФакт");
            xml.writeAttribute("НомерДок", invoice.invoiceNo());
            xml.writeAttribute("ДатаДок", DATE.format(invoice.issueDate()));
            party("СвПрод", seller.name(), seller.taxId(), seller.requisites().kpp(),
                    seller.requisites().legalAddress().isEmpty() ? seller.address() : seller.requisites().legalAddress(), seller.requisites());
            party("СвПокуп", buyer.customerName(), buyer.taxId(), details.requisites().kpp(), details.requisites().legalAddress(),
                    details.requisites());
            xml.writeEmptyElement("ДенИзм");
            xml.writeAttribute("КодОКВ", "643");
            xml.writeAttribute("НаимОКВ", "Российский рубль");
            xml.writeEndElement();
        }

        /** A participant: an organisation (ten-digit ИНН) or an individual entrepreneur (twelve), its address and bank. */
        private void party(String element, String name, String taxId, String kpp, String address, Requisites requisites)
                throws XMLStreamException {
            xml.writeStartElement(element);
            xml.writeStartElement("ИдСв");
            if (taxId.length() == 12) {
                xml.writeStartElement("СвИП");
                xml.writeAttribute("ИННФЛ", taxId);
                fullName(name.replaceFirst("^(ИП|Индивидуальный предприниматель)\\s+", ""));
                xml.writeEndElement();
            } else {
                xml.writeEmptyElement("СвЮЛУч");
                xml.writeAttribute("НаимОрг", name);
                xml.writeAttribute("ИННЮЛ", taxId);
                if (!kpp.isEmpty()) {
                    xml.writeAttribute("КПП", kpp);
                }
            }
            xml.writeEndElement();
            if (!address.isBlank()) {
                xml.writeStartElement("Адрес");
                xml.writeEmptyElement("АдрИнф");
                xml.writeAttribute("КодСтр", "643");
                xml.writeAttribute("НаимСтран", "Россия");
                xml.writeAttribute("АдрТекст", address);
                xml.writeEndElement();
            }
            if (!requisites.bankAccount().isEmpty()) {
                xml.writeStartElement("БанкРекв");
                xml.writeAttribute("НомерСчета", requisites.bankAccount());
                xml.writeEmptyElement("СвБанк");
                if (!requisites.bankName().isEmpty()) {
                    xml.writeAttribute("НаимБанк", requisites.bankName());
                }
                if (!requisites.bankBic().isEmpty()) {
                    xml.writeAttribute("БИК", requisites.bankBic());
                }
                if (!requisites.correspondentAccount().isEmpty()) {
                    xml.writeAttribute("КорСчет", requisites.correspondentAccount());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }

        /** «Иванов Иван Иванович» or «Иванов И. И.» as ФИО: the surname, then the given name and the patronymic. */
        private void fullName(String name) throws XMLStreamException {
            String[] words = name.strip().split("\\s+", 3);
            xml.writeEmptyElement("ФИО");
            xml.writeAttribute("Фамилия", words[0]);
            xml.writeAttribute("Имя", words.length > 1 ? words[1] : "-");
            if (words.length > 2) {
                xml.writeAttribute("Отчество", words[2]);
            }
        }

        private void lines() throws XMLStreamException {
            xml.writeStartElement("ТаблСчФакт");
            LineAmounts total = LineAmounts.ZERO;
            for (Invoice.Line line : invoice.lines()) {
                total = total.plus(line.amounts());
                xml.writeStartElement("СведТов");
                xml.writeAttribute("НомСтр", Integer.toString(line.lineNo()));
                xml.writeAttribute("НаимТов", line.description());
                String okei = OKEI.get(line.unit());
                if (okei != null) {
                    xml.writeAttribute("ОКЕИ_Тов", okei);
                }
                if (!line.unit().isBlank()) {
                    xml.writeAttribute("НаимЕдИзм", line.unit());
                }
                BigDecimal quantity = new BigDecimal(line.quantity());
                if (quantity.signum() > 0) {
                    xml.writeAttribute("КолТов", line.quantity());
                    String price = netPrice(line.amounts().netMinor(), quantity);
                    if (price != null) {
                        xml.writeAttribute("ЦенаТов", price);
                    }
                }
                xml.writeAttribute("СтТовБезНДС", money(line.amounts().netMinor()));
                xml.writeAttribute("НалСт", rate(line));
                xml.writeAttribute("СтТовУчНал", money(line.amounts().grossMinor()));
                xml.writeStartElement("Акциз");
                element("БезАкциз", "без акциза");
                xml.writeEndElement();
                tax(line.taxBasisPoints() == 0 && line.amounts().taxMinor() == 0, line.amounts().taxMinor());
                xml.writeEndElement();
            }
            xml.writeStartElement("ВсегоОпл");
            xml.writeAttribute("СтТовБезНДСВсего", money(total.netMinor()));
            xml.writeAttribute("СтТовУчНалВсего", money(total.grossMinor()));
            xml.writeStartElement("СумНалВсего");
            element("СумНал", money(total.taxMinor()));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        }

        private void tax(boolean none, long taxMinor) throws XMLStreamException {
            xml.writeStartElement("СумНал");
            if (none) {
                element("БезНДС", "без НДС");
            } else {
                element("СумНал", money(taxMinor));
            }
            xml.writeEndElement();
        }

        /** The services handed over: over the invoice's period, on the customer's contract where there is one. */
        private void transfer() throws XMLStreamException {
            YearMonth period = YearMonth.parse(invoice.period());
            xml.writeStartElement("СвПродПер");
            xml.writeStartElement("СвПер");
            xml.writeAttribute("СодОпер", "Услуги оказаны в полном объеме");
            xml.writeAttribute("ДатаПер", DATE.format(invoice.issueDate()));
            xml.writeAttribute("ДатаНачПер", DATE.format(period.atDay(1)));
            xml.writeAttribute("ДатаОконПер", DATE.format(period.atEndOfMonth()));
            if (!details.contractNo().isEmpty() && details.contractDate() != null) {
                xml.writeEmptyElement("ОснПер");
                xml.writeAttribute("РеквНаимДок", "Договор");
                xml.writeAttribute("РеквНомерДок", details.contractNo());
                xml.writeAttribute("РеквДатаДок", DATE.format(details.contractDate()));
            } else {
                element("БезДокОснПер", "1");
            }
            xml.writeEndElement();
            xml.writeEndElement();
        }

        private void signer() throws XMLStreamException {
            xml.writeStartElement("Подписант");
            xml.writeAttribute("СпосПодтПолном", "1"); // by the data of the signer's electronic signature
            xml.writeAttribute("Должн", "Руководитель");
            fullName(seller.head().isBlank() ? seller.name() : seller.head());
            xml.writeEndElement();
        }

        private void element(String name, String text) throws XMLStreamException {
            xml.writeStartElement(name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }

        private String money(long minor) {
            return Money.formatMinor(minor);
        }

        /** «20%», or «без НДС» for a line with no VAT. */
        private static String rate(Invoice.Line line) {
            if (line.taxBasisPoints() == 0 && line.amounts().taxMinor() == 0) {
                return "без НДС";
            }
            return BigDecimal.valueOf(line.taxBasisPoints(), 2).stripTrailingZeros().toPlainString() + "%";
        }

        /** The price without VAT: net / quantity where it comes out exact to eleven places, else none (the line still adds up). */
        private static String netPrice(long netMinor, BigDecimal quantity) {
            try {
                BigDecimal price = BigDecimal.valueOf(netMinor, 2).divide(quantity, 11, RoundingMode.UNNECESSARY).stripTrailingZeros();
                return price.scale() < 2 ? price.setScale(2).toPlainString() : price.toPlainString();
            } catch (ArithmeticException inexact) {
                return null;
            }
        }
    }
}
