package dev.ratel.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.InMemoryCounterKeys;
import dev.ratel.core.rating.NumberKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberDirectoryTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    private static long almaty(String local) {
        return LocalDateTime.parse(local).atZone(ALMATY).toInstant().toEpochMilli();
    }

    private final ReferenceData data = new ReferenceData(
            Map.of("A1", new Account("A1", "ТОО «Алатау»", "800800800800", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1)),
                    "A2", new Account("A2", "ТОО «Каспий»", "800800800801", "kense-15", PaymentMethod.ADVANCE, LocalDate.of(2024, 1, 1))),
            Map.of("A1", List.of(
                            new NumberHolding("77051110001", NumberKind.MOBILE, LocalDate.of(2024, 5, 10), LocalDate.of(2024, 5, 20), List.of()),
                            new NumberHolding("77051110002", NumberKind.MOBILE, LocalDate.of(2024, 1, 1), null, List.of()),
                            new NumberHolding("77061110000", NumberKind.VPBX_GROUP, LocalDate.of(2024, 1, 1), null, List.of())),
                    "A2", List.of(new NumberHolding("77051119999", NumberKind.MOBILE, LocalDate.of(2024, 1, 1), null, List.of()))),
            Map.of(), Map.of(), Map.of());
    private final NumberDirectory directory = NumberDirectory.build(data, SamplePlans.all(), new InMemoryCounterKeys());

    @Test
    void shouldFindTheAccountKindAndPlanOfAnActiveNumber() {
        int entry = directory.find(77061110000L, almaty("2024-05-17T10:00"));
        assertThat(entry).isNotNegative();
        assertThat(directory.accountId(directory.accountIndex(entry))).isEqualTo("A1");
        assertThat(directory.kind(entry)).isEqualTo(NumberKind.VPBX_GROUP);
        assertThat(directory.plan(entry).id()).isEqualTo("kense-15");
        assertThat(directory.find(77019999999L, almaty("2024-05-17T10:00"))).isEqualTo(NumberDirectory.UNKNOWN_NUMBER);
    }

    @Test
    void shouldHonourActiveDatesAsLocalDaysOfThePlansZone() {
        // Active 2024-05-10 to 2024-05-20 in Almaty: from 00:00 on the 10th to the end of the 20th, local time.
        assertThat(directory.find(77051110001L, almaty("2024-05-09T23:59:59"))).isEqualTo(NumberDirectory.NOT_ACTIVE);
        assertThat(directory.find(77051110001L, almaty("2024-05-10T00:00"))).isNotNegative();
        assertThat(directory.find(77051110001L, almaty("2024-05-20T23:59:59"))).isNotNegative();
        assertThat(directory.find(77051110001L, almaty("2024-05-21T00:00"))).isEqualTo(NumberDirectory.NOT_ACTIVE);
    }

    @Test
    void shouldTellCallsInsideTheAccountsClosedGroup() {
        long at = almaty("2024-05-17T10:00");
        int entry = directory.find(77051110002L, at);
        assertThat(directory.sameAccount(entry, 77061110000L, at)).isTrue();
        assertThat(directory.sameAccount(entry, 77051119999L, at)).isFalse(); // another account
        assertThat(directory.sameAccount(entry, 77051110001L, almaty("2024-05-25T10:00"))).isFalse(); // no longer active
    }

    @Test
    void shouldHandANumberOverBetweenPlansOfTwoTimeZonesWithoutAGapOrAnOverlap() throws Exception {
        // held on «Просто» (Moscow, UTC+3) until 15 May, then on Keńse 15 (Almaty, UTC+5) from the 16th: Moscow's midnight
        // is two hours after Almaty's, so the holdings' own days would overlap by two hours; the first ends when the
        // second begins
        Path dir = java.nio.file.Files.createTempDirectory("zones");
        java.nio.file.Files.writeString(dir.resolve("accounts.csv"), "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "P1,ООО,7700000001,prostoy-prosto,CREDIT,2024-01-01\nK1,ТОО,800800800801,kense-15,CREDIT,2024-01-01\n");
        java.nio.file.Files.writeString(dir.resolve("numbers.csv"), "number,account_id,kind,active_from,active_to\n"
                + "77051110005,P1,MOBILE,2024-01-01,2024-05-15\n77051110005,K1,MOBILE,2024-05-16,\n");
        ReferenceData moved = new dev.ratel.formats.reference.ReferenceDataLoader(SamplePlans.all()).load(dir);
        NumberDirectory zones = NumberDirectory.build(moved, SamplePlans.all(), new InMemoryCounterKeys());
        long almatyMidnight = almaty("2024-05-16T00:00");
        assertThat(zones.accountId(zones.accountIndex(zones.find(77051110005L, almatyMidnight - 1)))).isEqualTo("P1");
        assertThat(zones.accountId(zones.accountIndex(zones.find(77051110005L, almatyMidnight)))).isEqualTo("K1");
        // 23:30 on the 15th in Moscow is 01:30 on the 16th in Almaty: Keńse's day, not two holdings at once
        long moscowLate = java.time.LocalDateTime.parse("2024-05-15T23:30").atZone(ZoneId.of("Europe/Moscow")).toInstant().toEpochMilli();
        assertThat(zones.accountId(zones.accountIndex(zones.find(77051110005L, moscowLate)))).isEqualTo("K1");
    }

    @Test
    void shouldRefuseAnAccountWhosePlanIsNotLoaded() {
        ReferenceData orphan = new ReferenceData(
                Map.of("A9", new Account("A9", "x", "1", "no-such-plan", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1))),
                Map.of(), Map.of(), Map.of(), Map.of());
        assertThatThrownBy(() -> NumberDirectory.build(orphan, SamplePlans.all(), new InMemoryCounterKeys())).hasMessageContaining("no-such-plan");
    }

    @Test
    void shouldAnswerSameAccountAsALookUpOfBothNumbersWouldWhateverTheOtherNumber() {
        // 3 000 numbers in accounts of ten, and other parties drawn from the same range and around it:
        // the membership bits in front of the look-up must never turn a number of the account away
        int numbers = 3_000;
        java.util.Map<String, Account> accounts = new java.util.HashMap<>();
        java.util.Map<String, List<NumberHolding>> holdings = new java.util.HashMap<>();
        for (int i = 0; i < numbers; i++) {
            String account = "C" + i / 10;
            accounts.computeIfAbsent(account, id -> new Account(id, "Клиент", "800800800800", "kense-15", PaymentMethod.CREDIT,
                    LocalDate.of(2024, 1, 1)));
            holdings.computeIfAbsent(account, id -> new java.util.ArrayList<>())
                    .add(new NumberHolding(Long.toString(77050000000L + 7 * i), NumberKind.MOBILE, LocalDate.of(2024, 1, 1), null, List.of()));
        }
        NumberDirectory big = NumberDirectory.build(new ReferenceData(accounts, holdings, Map.of(), Map.of(), Map.of()), SamplePlans.all(),
                new InMemoryCounterKeys());
        long at = almaty("2024-05-17T10:00");
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int same = 0;
        for (int k = 0; k < 200_000; k++) {
            int caller = random.nextInt(numbers);
            // half the time a number of the caller's own account, else any number in and around the range
            long other = random.nextBoolean() ? 77050000000L + 7L * (caller / 10 * 10 + random.nextInt(10))
                    : 77050000000L + random.nextInt(7 * numbers + 100) - 50;
            int otherEntry = big.find(other, at);
            boolean expected = otherEntry >= 0 && big.accountIndex(otherEntry) == big.accountIndex(big.find(77050000000L + 7 * caller, at));
            assertThat(big.sameAccount(big.find(77050000000L + 7 * caller, at), other, at)).as("caller %d, other %d", caller, other)
                    .isEqualTo(expected);
            same += expected ? 1 : 0;
        }
        // half the calls, and a few of the others (10 of 21 100 numbers), go to the caller's own account
        assertThat(same).isBetween(99_000, 101_000);
    }
}
