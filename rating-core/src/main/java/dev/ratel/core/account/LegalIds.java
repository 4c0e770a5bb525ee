package dev.ratel.core.account;

/**
 * The check rules of the identifiers printed on invoices, acts and e-invoices in Russia and Kazakhstan. Each method
 * returns null for a valid value and otherwise what is wrong with it, in words a billing engineer can act on.
 *
 * <ul>
 *   <li>ИНН (Russia): 10 digits for an organisation, 12 for a person; the last one or two digits are check digits, each
 *       the weighted sum of the digits before it mod 11 mod 10 (weights of the Federal Tax Service's order).</li>
 *   <li>БИН/ИИН (Kazakhstan): 12 digits; the twelfth is the sum of the first eleven weighted 1…11, mod 11, or where that
 *       is 10, weighted 3…11, 1, 2, mod 11; a number where both give 10 is not issued.</li>
 *   <li>КПП (Russia): 9 characters, four digits of the tax office, two of the reason (digits or capitals), three
 *       digits.</li>
 *   <li>Расчётный and корреспондентский счёт (Russia): 20 digits; with the bank's БИК, the control key of the Central
 *       Bank (the 23 digits of the БИК's last three and the account, or of 0, the БИК's fifth and sixth digits and a
 *       correspondent account, weighted 7, 1, 3 repeatedly, sum ending in 0).</li>
 *   <li>ИИК (Kazakhstan): an IBAN of 20 characters starting KZ, its check digits by ISO 13616 (mod 97 is 1).</li>
 *   <li>БИК (Kazakhstan): the bank's 8-character SWIFT code with country KZ; БИК (Russia): 9 digits starting 04 (00 for the
 *       Federal Treasury's offices).</li>
 *   <li>Кбе and КНП (Kazakhstan): the beneficiary code, two digits (residence 1 or 2, sector 1-9), and the payment
 *       purpose code, three digits.</li>
 * </ul>
 */
public final class LegalIds {
    private static final int[] INN_10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] INN_11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] INN_12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] BIN_FIRST = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] BIN_SECOND = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    private LegalIds() {
    }

    /** A Russian ИНН of an organisation (10 digits) or a person (12). */
    public static String innProblem(String inn) {
        if (!inn.matches("\\d{10}|\\d{12}")) {
            return "an ИНН is 10 digits (an organisation) or 12 (a person)";
        }
        if (inn.length() == 10) {
            return checkDigit(inn, INN_10) == digit(inn, 9) ? null : "the check digit of ИНН " + inn + " is wrong (it would be "
                    + checkDigit(inn, INN_10) + "): a digit is mistyped";
        }
        boolean valid = checkDigit(inn, INN_11) == digit(inn, 10) && checkDigit(inn, INN_12) == digit(inn, 11);
        return valid ? null : "the check digits of ИНН " + inn + " are wrong: a digit is mistyped";
    }

    /** A Kazakh БИН (organisation) or ИИН (person): 12 digits. */
    public static String binProblem(String bin) {
        if (!bin.matches("\\d{12}")) {
            return "a БИН or ИИН is 12 digits";
        }
        int check = weighted(bin, BIN_FIRST) % 11;
        if (check == 10) {
            check = weighted(bin, BIN_SECOND) % 11;
        }
        if (check == 10) {
            return "БИН/ИИН " + bin + " cannot be issued (its check digit has no value): a digit is mistyped";
        }
        return check == digit(bin, 11) ? null : "the check digit of БИН/ИИН " + bin + " is wrong (it would be " + check + "): a digit is mistyped";
    }

    /** The tax id of a customer or seller taxed in {@code jurisdiction} (RU: ИНН, KZ: БИН/ИИН). */
    public static String taxIdProblem(String taxId, String jurisdiction) {
        return "KZ".equals(jurisdiction) ? binProblem(taxId) : innProblem(taxId);
    }

    public static String kppProblem(String kpp) {
        return kpp.matches("\\d{4}[0-9A-Z]{2}\\d{3}") ? null
                : "a КПП is 9 characters: four digits, two digits or capital letters, three digits (as 773601001)";
    }

    /** A Russian bank's БИК. */
    public static String russianBicProblem(String bic) {
        // 04: banks; 00: the Federal Treasury's offices (since 2021, as 004525988)
        return bic.matches("0[04]\\d{7}") ? null : "a БИК of a Russian bank is 9 digits starting 04, or 00 for the Treasury (as 044525225)";
    }

    /** A settlement account (расчётный счёт) at the bank with БИК {@code bic}. */
    public static String settlementAccountProblem(String account, String bic) {
        if (!account.matches("\\d{20}")) {
            return "a расчётный счёт is 20 digits";
        }
        return controlKey(bic.substring(6) + account) ? null
                : "расчётный счёт " + account + " fails its control key with БИК " + bic + ": a digit of one of them is mistyped";
    }

    /** The bank's correspondent account (корреспондентский счёт) for БИК {@code bic}. */
    public static String correspondentAccountProblem(String account, String bic) {
        if (!account.matches("\\d{20}")) {
            return "a корреспондентский счёт is 20 digits";
        }
        return controlKey("0" + bic.substring(4, 6) + account) ? null
                : "корреспондентский счёт " + account + " fails its control key with БИК " + bic + ": a digit of one of them is mistyped";
    }

    /** A Kazakh ИИК: the IBAN of the account. */
    public static String iikProblem(String iik) {
        if (!iik.matches("KZ\\d{2}[0-9A-Z]{16}")) {
            return "an ИИК is 20 characters: KZ, two check digits and 16 digits or capital letters (as KZ86125KZT5004100100)";
        }
        String rearranged = iik.substring(4) + iik.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value;
            remainder %= 97;
        }
        return remainder == 1 ? null : "the check digits of ИИК " + iik + " are wrong (ISO 13616): a character is mistyped";
    }

    /** A Kazakh bank's БИК: its SWIFT code. */
    public static String kazakhBicProblem(String bic) {
        return bic.matches("[A-Z]{4}KZ[A-Z0-9]{2}") ? null : "a БИК of a Kazakh bank is its 8-character SWIFT code (as HSBKKZKX)";
    }

    public static String kbeProblem(String kbe) {
        return kbe.matches("[12][1-9]") ? null : "Кбе is two digits: 1 (resident) or 2 (non-resident), then the sector 1 to 9 (as 17)";
    }

    public static String knpProblem(String knp) {
        return knp.matches("\\d{3}") ? null : "КНП is three digits (as 859)";
    }

    private static boolean controlKey(String digits) {
        int[] weights = {7, 1, 3};
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(i) - '0') * weights[i % 3];
        }
        return sum % 10 == 0;
    }

    private static int checkDigit(String digits, int[] weights) {
        return weighted(digits, weights) % 11 % 10;
    }

    private static int weighted(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += digit(digits, i) * weights[i];
        }
        return sum;
    }

    private static int digit(String digits, int at) {
        return digits.charAt(at) - '0';
    }
}
