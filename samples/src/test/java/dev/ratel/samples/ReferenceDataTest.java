package dev.ratel.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberStatus;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldLoadAccountsNumbersStatusesOptionsAndPayments() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on,manager\n"
                + "A1,\"ТОО «Алатау, Трейд»\",800800800800,kense-15,CREDIT,2024-01-01,Иванов\n"
                + "A2,ООО «Волга»,7701234567,cloud-pbx-basic,ADVANCE,2024-02-01,\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n"
                + "77051110001,A1,MOBILE,2024-01-01,\n74950000001,A2,VPBX_GROUP,2024-02-01,2024-12-31\n");
        write("number-status.csv", "number,status,from\n74950000001,BLOCKED_CUSTOMER,2024-04-11\n74950000001,ACTIVE,2024-04-21\n");
        write("account-options.csv", "account_id,option_id,quantity,from,to\nA2,employees,13,2024-02-01,\n");
        write("payments.csv", "account_id,paid_on,amount,reference\nA1,2024-05-20,34990.00,PP-1\n");
        ReferenceData data = new ReferenceDataLoader(SamplePlans.all()).load(dir);
        assertThat(data.account("A1").customerName()).isEqualTo("ТОО «Алатау, Трейд»");
        assertThat(data.account("A2").paymentMethod()).isEqualTo(PaymentMethod.ADVANCE);
        assertThat(data.holdingOn("77051110001", LocalDate.of(2024, 5, 1)).accountId()).isEqualTo("A1");
        assertThat(data.holdingOn("74950000001", LocalDate.of(2024, 5, 1)).accountId()).isEqualTo("A2");
        assertThat(data.holdingOn("74950000001", LocalDate.of(2025, 1, 1))).isNull(); // active to 2024-12-31
        assertThat(data.numbers("A2").get(0).statusOn(LocalDate.of(2024, 4, 15))).isEqualTo(NumberStatus.BLOCKED_CUSTOMER);
        assertThat(data.numbers("A2").get(0).statusOn(LocalDate.of(2024, 4, 21))).isEqualTo(NumberStatus.ACTIVE);
        assertThat(data.options("A2").get(0).quantity()).isEqualTo(13);
        assertThat(data.payments("A1").get(0).amountMinor()).isEqualTo(3_499_000);
    }

    @Test
    void shouldReportEveryProblemWithFileLineAndFix() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "A1,ТОО «Алатау»,800800800800,kense-16,CREDIT,2024-01-01\n"
                + "A2,ООО «Волга»,77-01,cloud-pbx-basic,PREPAID,01.02.2024\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n"
                + "+77051110001,A1,MOBILE,2024-01-01,\n74950000001,A9,SIM,2024-02-01,2024-01-31\n");
        write("account-options.csv", "account_id,option_id,quantity,from,to\nA2,employes,13,2024-02-01,\n");
        write("payments.csv", "account_id,paid_on,amount,reference\nA1,2024-05-20,34990.001,PP-1\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir))
                .isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        dir.resolve("accounts.csv") + ":2: plan_id 'kense-16' is not in the tariffs; known plans: cloud-pbx-basic, cloud-pbx-micro, cloud-pbx-minimal, cloud-pbx-professional, cloud-pbx-standard, kense-15, prostoy-freephone-standard, prostoy-profi, prostoy-prosto, prostoy-vip",
                        dir.resolve("accounts.csv") + ":3: payment_method 'PREPAID' is not one of CREDIT, ADVANCE",
                        dir.resolve("accounts.csv") + ":3: opened_on '01.02.2024' is not a date YYYY-MM-DD",
                        dir.resolve("accounts.csv") + ":3: tax_id '77-01' must be digits (a BIN or INN)",
                        dir.resolve("numbers.csv") + ":2: number '+77051110001' must be 1 to 16 digits in international form without '+' (77011234567)",
                        dir.resolve("numbers.csv") + ":3: account_id 'A9' is not in accounts.csv",
                        dir.resolve("numbers.csv") + ":3: kind 'SIM' is not one of MOBILE, VPBX_GROUP, SIP, FREEPHONE",
                        dir.resolve("numbers.csv") + ":3: active_to 2024-01-31 is before active_from 2024-02-01",
                        dir.resolve("payments.csv") + ":2: amount '34990.001' must be a positive amount with at most two decimals, such as 37990.00"));
    }

    @Test
    void shouldRefuseAnOptionThePlanDoesNotChargeSoATypoNeverDropsACharge() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\nA2,ООО «Волга»,7701234567,cloud-pbx-basic,CREDIT,2024-02-01\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n74950000001,A2,VPBX_GROUP,2024-02-01,\n");
        write("account-options.csv", "account_id,option_id,quantity,from,to\nA2,employes,13,2024-02-01,\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir))
                .hasMessageContaining("account-options.csv:2: option 'employes' is not charged by plan cloud-pbx-basic; it counts: "
                        + "call-center-5-licences, call-recording, concurrent-lines, crm-connector-amocrm-bitrix24, employees,");
    }

    @Test
    void shouldStopAtAMissingFileOrColumn() throws Exception {
        write("accounts.csv", "account_id,customer_name,plan_id\nA1,x,kense-15\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir))
                .hasMessageContaining("accounts.csv:1: missing required column 'tax_id'")
                .hasMessageContaining("numbers.csv:0: missing; a reference directory needs numbers.csv");
    }

    /**
     * customers.csv (issue #21): the details documents print for a customer, checked by the rules of the country its
     * plan is taxed in, each problem with file, line, column and the fix; the account's tax_id is checked too.
     */
    @Test
    void shouldLoadAndCheckCustomersDetails() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "K1,ТОО «Алатау Қызмет»,971240001315,kense-15,CREDIT,2024-01-01\n"
                + "R1,ООО «Волга»,7707083893,cloud-pbx-basic,CREDIT,2024-01-01\n"
                + "R2,ООО «Ока»,7707083894,cloud-pbx-basic,CREDIT,2024-01-01\n"
                + "R3,ООО «Кама»,7707083893,cloud-pbx-basic,CREDIT,2024-01-01\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n");
        String header = "account_id,legal_address,kpp,contract_no,contract_date,bank_name,bank_bic,correspondent_account,bank_account,"
                + "kbe,knp,email,signer_position,signer_name\n";
        write("customers.csv", header
                + "K1,\"г. Алматы, пр. Абая, 1\",,Д-15/24,2024-01-10,АО «Народный Банк»,HSBKKZKX,,KZ86125KZT5004100100,17,859,buh@alatau.kz,Директор,Сейтов Б.\n"
                + "R1,\"г. Москва, ул. Волжская, 1\",773601001,77/2024,2024-02-01,ПАО Сбербанк,044525225,30101810400000000225,40702810200000000001,,,,,\n");
        ReferenceData data = new ReferenceDataLoader(SamplePlans.all()).load(dir.resolve("."));
        assertThat(data.customer("K1").requisites().bankAccount()).isEqualTo("KZ86125KZT5004100100");
        assertThat(data.customer("K1").contractDate()).isEqualTo(LocalDate.of(2024, 1, 10));
        assertThat(data.customer("K1").signerName()).isEqualTo("Сейтов Б.");
        assertThat(data.customer("R1").requisites().kpp()).isEqualTo("773601001");
        assertThat(data.customer("R3")).isNull();

        write("customers.csv", header
                + "R1,,77360100,77/2024,,ПАО Сбербанк,044525225,30101810400000000226,40702810300000000001,17,,buh@volga,,\n"
                + "R2,,773601001,,,,,,,,,,,\n"
                + "R3,,,,,,,,40702810200000000001,,,,,\n"
                + "K1,,773601001,,,,HSBKRUKX,,KZ00,,,,,\n"
                + "R1,,773601001,,,,,,,,,,,\n");
        Path customers = dir.resolve("customers.csv");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir))
                .isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        customers + ":2: contract_date is empty; contract 77/2024 needs the date it was signed (YYYY-MM-DD)",
                        customers + ":2: kpp: a КПП is 9 characters: four digits, two digits or capital letters, three digits (as 773601001)",
                        // р/с 40702810K00000000001 at БИК 044525225 needs K = 2 (see LegalIdsTest)
                        customers + ":2: bank_account: расчётный счёт 40702810300000000001 fails its control key with БИК 044525225: a digit of one of them is mistyped",
                        customers + ":2: correspondent_account: корреспондентский счёт 30101810400000000226 fails its control key with БИК 044525225: a digit of one of them is mistyped",
                        customers + ":2: kbe: Кбе and КНП are Kazakh payment codes; a party taxed in Russia has none",
                        customers + ":2: email: 'buh@volga' is not an e-mail address (one address, as buh@example.kz)",
                        // 7707083894: the check digit of 770708389 is 3
                        customers + ":3: the account's tax_id in accounts.csv: the check digit of ИНН 7707083894 is wrong (it would be 3): a digit is mistyped (fix it there)",
                        customers + ":4: kpp: is empty; an organisation (10-digit ИНН) prints its КПП on the УПД and счёт-фактура",
                        customers + ":4: bank_bic: is empty; the bank accounts are checked with their bank's БИК",
                        customers + ":5: kpp: a КПП is Russian; a party taxed in Kazakhstan has none (leave it empty)",
                        customers + ":5: bank_bic: a БИК of a Kazakh bank is its 8-character SWIFT code (as HSBKKZKX)",
                        customers + ":5: bank_account: an ИИК is 20 characters: KZ, two check digits and 16 digits or capital letters (as KZ86125KZT5004100100)",
                        customers + ":6: account_id 'R1' appears twice; each account has at most one row"));
    }
}
