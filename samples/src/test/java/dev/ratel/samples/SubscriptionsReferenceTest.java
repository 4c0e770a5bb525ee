package dev.ratel.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions (plans an account holds over dates) and dated numbers (a number's holdings, one after
 * another, as it moves between accounts and plans): how the loader places them, and every inconsistency
 * it reports with file, line and the fix before anything is rated.
 */
class SubscriptionsReferenceTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void shouldPlaceEachNumberOnTheSubscriptionsThatHoldItAsTheyChange() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on,closed_on\n"
                + "CP,ООО «Облако»,7700000012,,CREDIT,2024-01-01,\n"
                + "P1,ООО «Простое дело»,7700000011,prostoy-profi,CREDIT,2024-01-01,\n"
                + "K1,ТОО «Первая»,800800800801,kense-15,CREDIT,2024-01-01,\n"
                + "K2,ТОО «Вторая»,800800800802,kense-15,ADVANCE,2024-05-16,2024-12-31\n");
        write("subscriptions.csv", "subscription_id,account_id,plan_id,from,to,covers\n"
                + "CP-MICRO,CP,cloud-pbx-micro,2024-01-01,2024-05-10,\n"
                + "CP-STANDARD,CP,cloud-pbx-standard,2024-05-11,,account\n"
                + "P1-N1,P1,prostoy-prosto,2024-02-01,,numbers\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to,subscription_id\n"
                + "74953000001,CP,VPBX_GROUP,2024-01-01,,\n"
                + "74951000001,P1,SIP,2024-02-01,,P1-N1\n"
                + "77051110001,K1,MOBILE,2024-01-01,2024-05-15,\n"
                + "77051110001,K2,MOBILE,2024-05-16,2024-12-31,\n");
        ReferenceData data = new ReferenceDataLoader(SamplePlans.all()).load(dir);

        // the plan change splits the group number's holding in two; the second continues the first: no new connection
        assertThat(data.numbers("CP")).extracting(h -> h.subscriptionId() + " " + h.activeFrom() + ".." + h.activeTo() + " " + h.connectedHere())
                .containsExactly("CP-MICRO 2024-01-01..2024-05-10 true", "CP-STANDARD 2024-05-11..null false");
        // P1 holds «Профи» as its own subscription (plan_id), and «Просто» on the number that names it
        assertThat(data.subscriptionsOf("P1")).extracting(s -> s.id() + " " + s.planId() + " " + s.accountWide())
                .containsExactly("P1 prostoy-profi true", "P1-N1 prostoy-prosto false");
        assertThat(data.holdings("P1-N1")).extracting(NumberHolding::number).containsExactly("74951000001");
        assertThat(data.holdings("P1")).isEmpty();
        // a number moved from K1 to K2 on the 16th: K1 held it until the 15th, K2 from the 16th, a continuation
        assertThat(data.holdingOn("77051110001", LocalDate.of(2024, 5, 15)).accountId()).isEqualTo("K1");
        assertThat(data.holdingOn("77051110001", LocalDate.of(2024, 5, 16)).accountId()).isEqualTo("K2");
        assertThat(data.holdingsOf("77051110001")).extracting(NumberHolding::continuesEarlier).containsExactly(false, true);
        assertThat(data.account("K2").closedOn()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(data.mainSubscription("CP", LocalDate.of(2024, 5, 31)).id()).isEqualTo("CP-STANDARD");
        assertThat(data.numberCount()).isEqualTo(3);
        assertThat(data.holdingCount()).isEqualTo(5);
    }

    @Test
    void shouldRefuseIdsLongerThanTheRepositoryKeepsOrStartingAFormula() throws Exception {
        // 64 characters fit ACCOUNT_ID VARCHAR(64); 65 stopped every invoice of a close with "Value too long"
        String longest = "A".repeat(64);
        String tooLong = "A".repeat(65);
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + longest + ",ООО «Длинное»,7700000001,prostoy-prosto,CREDIT,2024-01-01\n"
                + tooLong + ",ООО «Слишком длинное»,7700000002,prostoy-prosto,CREDIT,2024-01-01\n"
                + "+cmd,ООО «Плюс»,7700000003,prostoy-prosto,CREDIT,2024-01-01\n"
                + "@SUM(1+1),ООО «Собака»,7700000004,prostoy-prosto,CREDIT,2024-01-01\n"
                + "-2+3,ООО «Минус»,7700000005,prostoy-prosto,CREDIT,2024-01-01\n"
                + "\" =4+4\",ООО «Пробел»,7700000006,prostoy-prosto,CREDIT,2024-01-01\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n");
        String accounts = dir.resolve("accounts.csv").toString();
        String rule = " is not an id: 1 to 64 of the letters A-Z a-z, digits and . _ - (not starting with . or -)";
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir)).isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        accounts + ":3: account_id '" + tooLong + "'" + rule,
                        accounts + ":4: account_id '+cmd'" + rule,
                        accounts + ":5: account_id '@SUM(1+1)'" + rule,
                        accounts + ":6: account_id '-2+3'" + rule,
                        accounts + ":7: account_id '=4+4'" + rule));
    }

    @Test
    void shouldNameTheLineOfBytesThatAreNotTextAndOfControlCharacters() throws Exception {
        byte[] accounts = ("account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "A1,ООО «Один»,7700000001,prostoy-prosto,CREDIT,2024-01-01\n"
                + "A2,ООО «Два?»,7700000002,prostoy-prosto,CREDIT,2024-01-01\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int question = new String(accounts, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('?');
        accounts[question] = (byte) 0xFF; // a Windows-1251 byte in a UTF-8 file
        Files.write(dir.resolve("accounts.csv"), accounts);
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir)).isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        dir.resolve("accounts.csv") + ":3: not UTF-8 text: byte 0xFF on this line; save the file as UTF-8"));

        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "A1,ООО «Один»,7700000001,prostoy-prosto,CREDIT,2024-01-01\n"
                + "A2,ООО «Два\u0000»,7700000002,prostoy-prosto,CREDIT,2024-01-01\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir)).isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        dir.resolve("accounts.csv") + ":3: customer_name holds the control character U+0000, which no tariff or"
                                + " reference value has; remove it"));
    }

    @Test
    void shouldNameTheHeaderLineOfAColumnWithoutANameAndADateNoSpanCanEnd() throws Exception {
        // found by the loader fuzz (benchmarks/fuzz): the CSV library's IllegalArgumentException escaped the loader
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "A1,ООО «Один»,7700000001,prostoy-prosto,CREDIT,2024-01-01\n");
        write("numbers.csv", "number,account_id,,active_from,active_to\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir)).isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        dir.resolve("numbers.csv") + ":1: a column of the header has no name; name each column once: number, account_id,"
                                + " kind, active_from, active_to"));

        // found by review: the last day a LocalDate holds parses, and the day after it threw out of the loader
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n74951000001,A1,SIP,2024-01-01,+999999999-12-31\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir)).isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactly(
                        dir.resolve("numbers.csv") + ":2: active_to '+999999999-12-31' is not a date YYYY-MM-DD from 1900 to 9999"));
    }

    @Test
    void shouldReportEveryInconsistencyWithFileLineAndFix() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on,closed_on\n"
                + "=HYPERLINK,ООО «Формула»,7700000001,prostoy-prosto,CREDIT,2024-01-01,\n"
                + "P1,ООО «Простое дело»,7700000011,,CREDIT,2024-01-01,\n"
                + "P2,ООО «Смесь»,7700000012,prostoy-prosto,CREDIT,2024-01-01,\n"
                + "C1,ООО «Закрытое»,7700000013,cloud-pbx-micro,CREDIT,2024-01-01,2024-03-31\n");
        write("subscriptions.csv", "subscription_id,account_id,plan_id,from,to,covers\n"
                + "P1-A,P1,prostoy-profi,2024-01-01,2024-06-30,account\n"
                + "P1-B,P1,prostoy-vip,2024-06-01,,account\n"
                + "P2-KZ,P2,kense-15,2024-01-01,,numbers\n"
                + "P9-A,P9,prostoy-profi,2024-01-01,,\n"
                + "P2,P2,prostoy-profi,2024-01-01,,numbers\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to,subscription_id\n"
                + "74951000001,P1,SIP,2023-12-01,,\n"
                + "74951000002,P2,SIP,2024-01-01,,\n"
                + "74951000002,P2,SIP,2024-03-01,,\n"
                + "74951000003,P1,SIP,2024-01-01,,P2-KZ\n"
                + "74012000004,P2,SIP,2024-05-03,,\n"
                + "74951000005,C1,VPBX_GROUP,2024-01-01,,\n");
        String accounts = dir.resolve("accounts.csv").toString();
        String subscriptions = dir.resolve("subscriptions.csv").toString();
        String numbers = dir.resolve("numbers.csv").toString();
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir)).isInstanceOf(ReferenceValidationException.class)
                .satisfies(e -> assertThat(((ReferenceValidationException) e).problems()).containsExactlyInAnyOrder(
                        accounts + ":2: account_id '=HYPERLINK' is not an id: 1 to 64 of the letters A-Z a-z, digits and . _ - (not starting with . or -)",
                        subscriptions + ":5: account_id 'P9' is not in accounts.csv",
                        subscriptions + ":6: subscription_id 'P2' is already defined at " + accounts + ":4 (an account with a"
                                + " plan_id holds it as its own subscription); give each subscription an id of its own",
                        subscriptions + ":3: subscription P1-B covers account P1 from 2024-06-01, while P1-A (" + subscriptions
                                + ":2) still does; an account holds one account-wide plan at a time: end P1-A the day before",
                        subscriptions + ":4: account P2 holds plan kense-15 (KZT, KZ, series KZB) beside prostoy-prosto (RUB, RU, series PB);"
                                + " one invoice has one currency, tax and seller: hold them on two accounts",
                        numbers + ":2: number 74951000001 is active from 2023-12-01, outside account P1's open dates (2024-01-01 on);"
                                + " set its active_to by the account's closed_on",
                        numbers + ":4: number 74951000002 is already held on these days by line 3; a number is held by one account"
                                + " at a time: end one row the day before the other starts",
                        numbers + ":5: subscription P2-KZ is held by account P2, not P1; a number is held on a subscription of its own account",
                        numbers + ":6: number 74012000004 connects on 2024-05-03 to plan prostoy-prosto, whose one-time fee NUMBER_CONNECTION"
                                + " has no price for it (priced by prefix: 7343, 7495, 7499, 7812, 7831, 7843, 7863); add its code to the fee's"
                                + " price-by-prefix or give the fee a price in the tariff file, or hold the number on another plan",
                        numbers + ":7: number 74951000005 is active from 2024-01-01, outside account C1's open dates (2024-01-01 to 2024-03-31);"
                                + " set its active_to by the account's closed_on"));
    }

    @Test
    void shouldReportADayOfANumberThatNoPlanCovers() throws Exception {
        write("accounts.csv", "account_id,customer_name,tax_id,payment_method,opened_on\nP1,ООО «Простое дело»,7700000011,CREDIT,2024-01-01\n");
        write("subscriptions.csv", "subscription_id,account_id,plan_id,from,to\nP1-A,P1,prostoy-profi,2024-01-01,2024-04-30\n"
                + "P1-B,P1,prostoy-vip,2024-05-10,\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n74951000001,P1,SIP,2024-01-01,\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(SamplePlans.all()).load(dir))
                .hasMessageContaining(dir.resolve("numbers.csv") + ":2: number 74951000001 is active on 2024-05-01, when account P1 holds no"
                        + " account-wide plan; give the account a plan for those days (plan_id in accounts.csv or a row of subscriptions.csv)"
                        + " or end the number earlier");
        // the subscriptions file alone is reference data of its own: an account without plan_id holds only what it lists
        List<String> lines = Files.readAllLines(dir.resolve("subscriptions.csv"));
        assertThat(lines).hasSize(3);
    }

    @Test
    void shouldStartANumberMovedToAnotherAccountUnblocked() throws Exception {
        // blocked at its old company's request from 1 May; moved to another company on the 16th: the block was the old
        // company's, so the number starts there active (a plan change within one account keeps it)
        write("accounts.csv", "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "C1,ООО «Старая»,7700000001,cloud-pbx-micro,CREDIT,2024-01-01\nC2,ООО «Новая»,7700000002,cloud-pbx-micro,CREDIT,2024-01-01\n");
        write("numbers.csv", "number,account_id,kind,active_from,active_to\n"
                + "74951000001,C2,VPBX_GROUP,2024-05-16,\n74951000001,C1,VPBX_GROUP,2024-01-01,2024-05-15\n");
        write("number-status.csv", "number,status,from\n74951000001,BLOCKED_CUSTOMER,2024-05-01\n");
        ReferenceData data = new ReferenceDataLoader(SamplePlans.all()).load(dir);
        assertThat(data.holdingOn("74951000001", LocalDate.of(2024, 5, 10)).statusOn(LocalDate.of(2024, 5, 10)))
                .isEqualTo(dev.ratel.core.charge.NumberStatus.BLOCKED_CUSTOMER);
        assertThat(data.holdingOn("74951000001", LocalDate.of(2024, 5, 20)).statusOn(LocalDate.of(2024, 5, 20)))
                .isEqualTo(dev.ratel.core.charge.NumberStatus.ACTIVE);
    }
}
