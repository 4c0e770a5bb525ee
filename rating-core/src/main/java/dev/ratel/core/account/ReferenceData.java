package dev.ratel.core.account;

import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.OptionHolding;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference data of a bill run: accounts with their numbers (and status histories), options
 * and payments, keyed by account id. Loaded and checked by the formats module.
 */
public record ReferenceData(Map<String, Account> accounts, Map<String, List<NumberHolding>> numbersByAccount,
                            Map<String, String> accountOfNumber, Map<String, List<OptionHolding>> optionsByAccount,
                            Map<String, List<Payment>> paymentsByAccount) {
    public ReferenceData {
        accounts = Map.copyOf(accounts);
        numbersByAccount = Map.copyOf(numbersByAccount);
        accountOfNumber = Map.copyOf(accountOfNumber);
        optionsByAccount = Map.copyOf(optionsByAccount);
        paymentsByAccount = Map.copyOf(paymentsByAccount);
    }

    public Account account(String id) {
        return Objects.requireNonNull(accounts.get(id), () -> "no account " + id);
    }

    public List<NumberHolding> numbers(String accountId) {
        return numbersByAccount.getOrDefault(accountId, List.of());
    }

    public List<OptionHolding> options(String accountId) {
        return optionsByAccount.getOrDefault(accountId, List.of());
    }

    public List<Payment> payments(String accountId) {
        return paymentsByAccount.getOrDefault(accountId, List.of());
    }

    public int numberCount() {
        return accountOfNumber.size();
    }
}
