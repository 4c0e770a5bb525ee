package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.Requisites;
import dev.ratel.core.tariff.Seller;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * How customer-facing documents write money, dates, periods and parties, as an accountant in Russia or Kazakhstan
 * expects them: {@code 34 990,00} (a no-break space between thousands, a decimal comma), «31 мая 2024 г.»,
 * «май 2024 г.», and a party as name, tax id, КПП, address and bank.
 */
public final class DocumentText {
    /** The space between thousands: a no-break space, so a cell never wraps inside an amount. */
    public static final char THOUSANDS = '\u00A0';
    private static final String[] MONTHS = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
        "октябрь", "ноябрь", "декабрь"};
    private static final String[] OF_MONTHS = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
        "октября", "ноября", "декабря"};

    private DocumentText() {
    }

    /** Kopecks or tiyn as {@code 34 990,00}; negative amounts with a minus sign. */
    public static String money(long minor) {
        StringBuilder text = new StringBuilder();
        long whole = Math.abs(minor) / 100;
        long fraction = Math.abs(minor) % 100;
        String digits = Long.toString(whole);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                text.append(THOUSANDS);
            }
            text.append(digits.charAt(i));
        }
        text.append(',').append(fraction < 10 ? "0" : "").append(fraction);
        return (minor < 0 ? "-" : "") + text;
    }

    /** «31 мая 2024 г.». */
    public static String date(LocalDate day) {
        return day.getDayOfMonth() + " " + OF_MONTHS[day.getMonthValue() - 1] + " " + day.getYear() + " г.";
    }

    /** «май 2024 г.» for {@code 2024-05}. */
    public static String period(String period) {
        YearMonth month = YearMonth.parse(period);
        return MONTHS[month.getMonthValue() - 1] + " " + month.getYear() + " г.";
    }

    /** «БИН/ИИН» in Kazakhstan, «ИНН» in Russia. */
    public static String taxIdLabel(String jurisdiction) {
        return "KZ".equals(jurisdiction) ? "БИН/ИИН" : "ИНН";
    }

    /** The seller as the «Поставщик» line prints it: name, tax id, КПП, address, bank. */
    public static String seller(Seller seller, String jurisdiction) {
        StringBuilder text = new StringBuilder(seller.name());
        ids(text, jurisdiction, seller.taxId(), seller.requisites());
        append(text, seller.address());
        bank(text, seller.requisites(), jurisdiction);
        append(text, seller.bankDetails());
        return text.toString();
    }

    /** The customer as the «Покупатель» line prints it, with its account; the details are null where customers.csv has none. */
    public static String customer(Account account, CustomerDetails details, String jurisdiction) {
        StringBuilder text = new StringBuilder(account.customerName());
        Requisites requisites = details == null ? Requisites.NONE : details.requisites();
        ids(text, jurisdiction, account.taxId(), requisites);
        append(text, requisites.legalAddress());
        bank(text, requisites, jurisdiction);
        return text.append(", лицевой счёт ").append(account.id()).toString();
    }

    /** «Договор № Д-1/2024 от 10.01.2024», or the account and plan where the customer's contract is not known. */
    public static String basis(CustomerDetails details, String accountId, String planName) {
        String contract = contract(details);
        return contract != null ? "Договор " + contract : "лицевой счёт " + accountId + ", тарифный план " + quoted(planName);
    }

    /** «№ Д-1/2024 от 10.01.2024», or null where customers.csv gives no contract. */
    public static String contract(CustomerDetails details) {
        if (details == null || details.contractNo().isEmpty() || details.contractDate() == null) {
            return null;
        }
        return "№ " + details.contractNo() + " от " + details.contractDate().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
    }

    /** A name in «», unless it is quoted already (plan names such as «Профи» are). */
    public static String quoted(String name) {
        return name.startsWith("«") ? name : "«" + name + "»";
    }

    private static void ids(StringBuilder text, String jurisdiction, String taxId, Requisites requisites) {
        if (!taxId.isEmpty()) {
            text.append(", ").append(taxIdLabel(jurisdiction)).append(' ').append(taxId);
        }
        if (!requisites.kpp().isEmpty()) {
            text.append(", КПП ").append(requisites.kpp());
        }
    }

    private static void bank(StringBuilder text, Requisites requisites, String jurisdiction) {
        boolean kazakh = "KZ".equals(jurisdiction);
        if (!requisites.bankAccount().isEmpty()) {
            text.append(kazakh ? ", ИИК " : ", р/с ").append(requisites.bankAccount());
        }
        append(text, requisites.bankName().isEmpty() ? "" : "в " + requisites.bankName());
        if (!requisites.bankBic().isEmpty()) {
            text.append(", БИК ").append(requisites.bankBic());
        }
        if (!requisites.correspondentAccount().isEmpty()) {
            text.append(", к/с ").append(requisites.correspondentAccount());
        }
        if (!requisites.kbe().isEmpty()) {
            text.append(", Кбе ").append(requisites.kbe());
        }
    }

    private static void append(StringBuilder text, String part) {
        if (!part.isEmpty()) {
            text.append(", ").append(part);
        }
    }
}
