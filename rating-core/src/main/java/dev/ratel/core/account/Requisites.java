package dev.ratel.core.account;

import java.util.ArrayList;
import java.util.List;

/**
 * A party's реквизиты as documents print them: legal address, КПП (Russia), bank (name, БИК, correspondent account,
 * the party's own account: расчётный счёт in Russia, ИИК in Kazakhstan), Кбе and КНП (Kazakhstan) and the e-mail
 * documents are sent to. Every field may be empty; what is given is checked by {@link #problems}.
 */
public record Requisites(String legalAddress, String kpp, String bankName, String bankBic, String correspondentAccount,
                         String bankAccount, String kbe, String knp, String email) {
    public static final Requisites NONE = new Requisites("", "", "", "", "", "", "", "", "");

    public Requisites {
        legalAddress = orEmpty(legalAddress);
        kpp = orEmpty(kpp);
        bankName = orEmpty(bankName);
        bankBic = orEmpty(bankBic);
        correspondentAccount = orEmpty(correspondentAccount);
        bankAccount = orEmpty(bankAccount);
        kbe = orEmpty(kbe);
        knp = orEmpty(knp);
        email = orEmpty(email);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** A problem with one field, named as the reference files name it ({@code bank_bic}). */
    public record Problem(String field, String message) {
    }

    /**
     * What is wrong with these requisites of a party with {@code taxId} taxed in {@code jurisdiction} (RU or KZ): check
     * digits, the fields one country has and the other has not, a bank account without its bank's БИК. Empty when all
     * is well.
     */
    public List<Problem> problems(String jurisdiction, String taxId) {
        List<Problem> problems = new ArrayList<>();
        boolean kazakh = "KZ".equals(jurisdiction);
        add(problems, "tax_id", taxId.isEmpty() ? "is empty; documents need the party's " + (kazakh ? "БИН/ИИН" : "ИНН")
                : LegalIds.taxIdProblem(taxId, jurisdiction));
        if (kazakh) {
            if (!kpp.isEmpty()) {
                add(problems, "kpp", "a КПП is Russian; a party taxed in Kazakhstan has none (leave it empty)");
            }
            if (!bankBic.isEmpty()) {
                add(problems, "bank_bic", LegalIds.kazakhBicProblem(bankBic));
            }
            if (!correspondentAccount.isEmpty()) {
                add(problems, "correspondent_account", "a correspondent account is not printed for a Kazakh bank (leave it empty)");
            }
            if (!bankAccount.isEmpty()) {
                add(problems, "bank_account", LegalIds.iikProblem(bankAccount));
            }
            if (!kbe.isEmpty()) {
                add(problems, "kbe", LegalIds.kbeProblem(kbe));
            }
            if (!knp.isEmpty()) {
                add(problems, "knp", LegalIds.knpProblem(knp));
            }
        } else {
            if (!kpp.isEmpty()) {
                add(problems, "kpp", LegalIds.kppProblem(kpp));
            } else if (taxId.length() == 10) {
                add(problems, "kpp", "is empty; an organisation (10-digit ИНН) prints its КПП on the УПД and счёт-фактура");
            }
            String bicProblem = bankBic.isEmpty() ? null : LegalIds.russianBicProblem(bankBic);
            add(problems, "bank_bic", bicProblem);
            if ((!bankAccount.isEmpty() || !correspondentAccount.isEmpty()) && bankBic.isEmpty()) {
                add(problems, "bank_bic", "is empty; the bank accounts are checked with their bank's БИК");
            } else if (bicProblem == null && !bankBic.isEmpty()) {
                if (!bankAccount.isEmpty()) {
                    add(problems, "bank_account", LegalIds.settlementAccountProblem(bankAccount, bankBic));
                }
                if (!correspondentAccount.isEmpty()) {
                    add(problems, "correspondent_account", LegalIds.correspondentAccountProblem(correspondentAccount, bankBic));
                }
            }
            if (!kbe.isEmpty() || !knp.isEmpty()) {
                add(problems, kbe.isEmpty() ? "knp" : "kbe", "Кбе and КНП are Kazakh payment codes; a party taxed in Russia has none");
            }
        }
        if (!email.isEmpty() && !email.matches("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+")) {
            add(problems, "email", "'" + email + "' is not an e-mail address (one address, as buh@example.kz)");
        }
        return problems;
    }

    private static void add(List<Problem> problems, String field, String problem) {
        if (problem != null) {
            problems.add(new Problem(field, problem));
        }
    }
}
