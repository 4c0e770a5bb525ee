package dev.ratel.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Check digits of the ids on documents, against published ids and ones worked out here by hand. */
class LegalIdsTest {
    @Test
    void shouldCheckARussianInn() {
        // ПАО Сбербанк, 7707083893: 2·7 + 4·7 + 10·0 + 3·7 + 5·0 + 9·8 + 4·3 + 6·8 + 8·9 = 267; 267 mod 11 = 3, the last digit
        assertThat(LegalIds.innProblem("7707083893")).isNull();
        assertThat(LegalIds.innProblem("7707083894")).contains("check digit").contains("would be 3");
        // a person's 500100732259: 7·5 + 10·1 + 9·7 + 4·3 + 6·2 + 8·2 = 148, mod 11 = 5 (the 11th digit);
        // 3·5 + 4·1 + 5·7 + 9·3 + 4·2 + 6·2 + 8·5 = 141, mod 11 = 9 (the 12th)
        assertThat(LegalIds.innProblem("500100732259")).isNull();
        assertThat(LegalIds.innProblem("500100732258")).contains("check digits");
        assertThat(LegalIds.innProblem("77070838")).contains("10 digits");
    }

    @Test
    void shouldCheckAKazakhBin() {
        // Kaspi Bank, 971240001315: 9·1 + 7·2 + 1·3 + 2·4 + 4·5 + 0 + 0 + 0 + 1·9 + 3·10 + 1·11 = 104; 104 mod 11 = 5
        assertThat(LegalIds.binProblem("971240001315")).isNull();
        assertThat(LegalIds.binProblem("971240001316")).contains("would be 5");
        // 00000000010?: the first weights give 1·10 = 10, so the second ones: 1·1 = 1, the check digit is 1
        assertThat(LegalIds.binProblem("000000000101")).isNull();
        assertThat(LegalIds.binProblem("000000000100")).contains("would be 1");
        assertThat(LegalIds.taxIdProblem("971240001315", "KZ")).isNull();
        assertThat(LegalIds.taxIdProblem("7707083893", "RU")).isNull();
        assertThat(LegalIds.taxIdProblem("7707083893", "KZ")).contains("12 digits");
    }

    @Test
    void shouldCheckRussianBankAccountsAgainstTheBic() {
        // Сбербанк, БИК 044525225, к/с 30101810400000000225: 0, 2, 5 then the account, weights 7 1 3 …:
        // 0 + 2 + 15 + 21 + 0 + 3 + 0 + 1 + 24 + 7 + 0 + 12 + 0 … + 6 + 14 + 5 = 110, ends in 0
        assertThat(LegalIds.correspondentAccountProblem("30101810400000000225", "044525225")).isNull();
        assertThat(LegalIds.correspondentAccountProblem("30101810400000000226", "044525225")).contains("control key");
        // р/с 40702810K00000000001 at that bank: 2·7 + 2 + 5·3 + 4·7 + 7·3 + 2 + 8·3 + 1·7 + 3K + 1 = 114 + 3K, so K = 2
        assertThat(LegalIds.settlementAccountProblem("40702810200000000001", "044525225")).isNull();
        assertThat(LegalIds.settlementAccountProblem("40702810300000000001", "044525225")).contains("control key");
        assertThat(LegalIds.russianBicProblem("044525225")).isNull();
        assertThat(LegalIds.russianBicProblem("44525225")).contains("9 digits");
        assertThat(LegalIds.russianBicProblem("004525988")).as("a Federal Treasury office").isNull();
        assertThat(LegalIds.russianBicProblem("054525225")).contains("starting 04");
        assertThat(LegalIds.kppProblem("773601001")).isNull();
        assertThat(LegalIds.kppProblem("7736AB001")).isNull();
        assertThat(LegalIds.kppProblem("77360100")).contains("9 characters");
    }

    @Test
    void shouldCheckKazakhBankDetails() {
        // the IBAN registry's example for Kazakhstan
        assertThat(LegalIds.iikProblem("KZ86125KZT5004100100")).isNull();
        assertThat(LegalIds.iikProblem("KZ86125KZT5004100101")).contains("check digits");
        assertThat(LegalIds.iikProblem("KZ86125")).contains("20 characters");
        assertThat(LegalIds.kazakhBicProblem("HSBKKZKX")).isNull();
        assertThat(LegalIds.kazakhBicProblem("HSBKRUKX")).contains("SWIFT");
        assertThat(LegalIds.kbeProblem("17")).isNull();
        assertThat(LegalIds.kbeProblem("30")).contains("Кбе");
        assertThat(LegalIds.knpProblem("859")).isNull();
        assertThat(LegalIds.knpProblem("85")).contains("three digits");
    }
}
