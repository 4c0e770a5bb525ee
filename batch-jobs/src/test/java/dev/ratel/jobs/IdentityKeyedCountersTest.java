package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.money.Money;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.formats.ids.HomeCounterKeys;
import dev.ratel.jobs.balances.Balances;
import dev.ratel.jobs.home.HomeLayout;
import dev.ratel.jobs.rate.Counters;
import dev.ratel.jobs.rate.RateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allowance counters stay with their owner from night to night whatever changes in the reference data
 * or the tariffs around them (issue #18, defect 1): they are kept under durable codes of identities
 * (a subscription, a number on a subscription, a plan's allowance by id), never under positions.
 */
class IdentityKeyedCountersTest {
    private static final String ACCOUNTS = "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n";
    private static final String NUMBERS = "number,account_id,kind,active_from,active_to\n";

    @TempDir
    Path dir;

    @Test
    void shouldKeepEachAccountsCallCreditWhenACustomerWhoSortsFirstIsAdded() throws Exception {
        // «Просто» (seed 003): 200 RUB of call credit a month per account, not carried over; calls to Moscow numbers
        // at the plan's illustrative 1.00 RUB/min, per started minute.
        Nights nights = Nights.overSamplePlans(dir);
        nights.reference("accounts.csv", ACCOUNTS
                        + "B,ООО «Берёза»,7701000002,prostoy-prosto,CREDIT,2024-01-01\n"
                        + "C,ООО «Сосна»,7701000003,prostoy-prosto,CREDIT,2024-01-01\n")
                .reference("numbers.csv", NUMBERS + "74952000002,B,SIP,2024-01-01,\n74952000003,C,SIP,2024-01-01,\n");
        // night 1: C talks 120 minutes: 120.00 RUB, all from its credit (80.00 left)
        RateRun.Summary first = nights.night("n1,sip,VOICE,OUT,74952000003,74951234567,2024-05-10T10:00:00+03:00,7200,,,\n",
                Instant.parse("2024-05-11T00:00:00Z"));
        assertThat(first.amountScaled()).isZero();

        // account A is added: it sorts before B and C, so a position-keyed pool of C became B's, and B's A's
        nights.reference("accounts.csv", ACCOUNTS
                        + "A,ООО «Акация»,7701000001,prostoy-prosto,CREDIT,2024-05-11\n"
                        + "B,ООО «Берёза»,7701000002,prostoy-prosto,CREDIT,2024-01-01\n"
                        + "C,ООО «Сосна»,7701000003,prostoy-prosto,CREDIT,2024-01-01\n")
                .reference("numbers.csv", NUMBERS + "74952000001,A,SIP,2024-05-11,\n74952000002,B,SIP,2024-01-01,\n"
                        + "74952000003,C,SIP,2024-01-01,\n");
        // night 2: C talks 90 minutes (90.00: 80.00 from what is left, 10.00 charged), B 5 minutes (5.00 from its credit)
        RateRun.Summary second = nights.night("n2,sip,VOICE,OUT,74952000003,74951234567,2024-05-11T10:00:00+03:00,5400,,,\n"
                        + "n3,sip,VOICE,OUT,74952000002,74951234567,2024-05-11T11:00:00+03:00,300,,,\n",
                Instant.parse("2024-05-12T00:00:00Z"));
        assertThat(second.amountScaled()).as("C pays 10.00 RUB; B nothing").isEqualTo(Money.ofMajor(10));

        LocalDate day = LocalDate.of(2024, 5, 12);
        assertThat(callCredit(nights, "74952000003", day)).as("C: 200 - 120 - 80").isEqualTo(Money.ofMajor(0));
        assertThat(callCredit(nights, "74952000002", day)).as("B: 200 - 5").isEqualTo(Money.ofMajor(195));
        assertThat(callCredit(nights, "74952000001", day)).as("A: untouched").isEqualTo(Money.ofMajor(200));
    }

    @Test
    void shouldKeepAnAllowanceWhenANewPlanVersionListsTheAllowancesInAnotherOrder() throws Exception {
        Path tariffs = Files.createDirectories(dir.resolve("tariffs"));
        Files.writeString(tariffs.resolve("reordered.yaml"), """
                plan: reordered
                name: Two versions, allowances in another order
                currency: KZT
                time-zone: Asia/Almaty
                tax:
                  jurisdiction: KZ
                  prices: include-tax-per-line
                destinations:
                  classes:
                    - class: kz-mobile
                      prefixes: [770, 771, 774, 775, 776, 777, 778]
                versions:
                  - valid-from: 2024-01-01
                    valid-to: 2024-05-14
                    rates: [{id: offnet, price: 18, per: 60}]
                    allowances:
                      - {id: minutes, amount: 200 min}
                      - {id: sms, amount: 100 sms}
                    rules:
                      - {charge: VOICE, service: VOICE, directions: [OUT], to: [kz-mobile], increment: 60/60, draw: [minutes], rate: offnet}
                      - {charge: SMS, service: SMS, directions: [OUT], to: [kz-mobile], draw: [sms], rate: offnet}
                  - valid-from: 2024-05-15
                    rates: [{id: offnet, price: 18, per: 60}]
                    allowances:
                      - {id: sms, amount: 100 sms}
                      - {id: minutes, amount: 200 min}
                    rules:
                      - {charge: VOICE, service: VOICE, directions: [OUT], to: [kz-mobile], increment: 60/60, draw: [minutes], rate: offnet}
                      - {charge: SMS, service: SMS, directions: [OUT], to: [kz-mobile], draw: [sms], rate: offnet}
                """);
        Nights nights = new Nights(dir, tariffs);
        nights.reference("accounts.csv", ACCOUNTS + "K,ТОО «Тау»,800800800800,reordered,CREDIT,2024-01-01\n")
                .reference("numbers.csv", NUMBERS + "77051110001,K,MOBILE,2024-01-01,\n");
        // before the new version: 150 of the 200 minutes
        nights.night("v1,msc,VOICE,OUT,77051110001,77011234567,2024-05-10T10:00:00+05:00,9000,,,\n", Instant.parse("2024-05-11T00:00:00Z"));
        // after it: 60 minutes, 50 of them left in the same allowance, 10 charged at 18 = 180.00 KZT
        RateRun.Summary after = nights.night("v2,msc,VOICE,OUT,77051110001,77011234567,2024-05-20T10:00:00+05:00,3600,,,\n",
                Instant.parse("2024-05-21T00:00:00Z"));
        assertThat(after.amountScaled()).isEqualTo(Money.ofMajor(180));
    }

    /** What is left of a «Просто» number's call credit on a day, scaled. */
    private static long callCredit(Nights nights, String number, LocalDate day) throws Exception {
        try (MappedCounterStore counters = Counters.open(nights.home(), nights.reference());
             HomeCounterKeys keys = HomeCounterKeys.readOnly(HomeLayout.ids(nights.home()))) {
            Balances.View view = Balances.of(number, day, nights.reference(), nights.plans(), counters, keys);
            return view.lines().stream().filter(line -> line.bucket().equals("call-credit")).findFirst().orElseThrow().available();
        }
    }
}
