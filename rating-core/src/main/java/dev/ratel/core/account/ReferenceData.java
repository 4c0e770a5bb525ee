package dev.ratel.core.account;

import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.OptionHolding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The reference data of a bill run, keyed by id: accounts, the subscriptions each holds (plans over
 * dates), the numbers each holds on them over dates (a number moving between accounts or plans has a
 * holding for each, one after another), options and payments. Loaded and checked by the formats
 * module, which reports every inconsistency with its file and line before building this.
 */
public final class ReferenceData {
    private final Map<String, Account> accounts;
    private final Map<String, Subscription> subscriptions;
    private final Map<String, List<Subscription>> subscriptionsByAccount;
    private final Map<String, List<NumberHolding>> holdingsByAccount;
    private final Map<String, List<OptionHolding>> optionsByAccount;
    private final Map<String, List<Payment>> paymentsByAccount;
    private final int holdingCount;
    /** Customers' details from customers.csv, by account id; an account without a row has none. */
    private CustomerDirectory customers = CustomerDirectory.EMPTY;
    private final int numberCount;
    /** Made when first asked for: a rating run never needs it, and at a million numbers it is 100 MB of heap. */
    private volatile Map<String, List<NumberHolding>> holdingsByNumber;

    private ReferenceData(Map<String, Account> accounts, Collection<Subscription> subscriptions, Collection<NumberHolding> holdings,
                          Map<String, List<OptionHolding>> options, Map<String, List<Payment>> payments) {
        this.accounts = Map.copyOf(accounts);
        Map<String, Subscription> byId = new HashMap<>();
        Map<String, List<Subscription>> byAccount = new HashMap<>();
        for (Subscription subscription : subscriptions) {
            if (!this.accounts.containsKey(subscription.accountId())) {
                throw new IllegalArgumentException("subscription " + subscription.id() + " names account " + subscription.accountId()
                        + ", which is not in the reference data");
            }
            if (byId.put(subscription.id(), subscription) != null) {
                throw new IllegalArgumentException("subscription " + subscription.id() + " is defined twice");
            }
            byAccount.computeIfAbsent(subscription.accountId(), a -> new ArrayList<>()).add(subscription);
        }
        byAccount.values().forEach(list -> list.sort(Comparator.comparing(Subscription::from).thenComparing(Subscription::id)));
        this.subscriptions = Map.copyOf(byId);
        this.subscriptionsByAccount = freeze(byAccount);
        Map<String, List<NumberHolding>> numbers = new HashMap<>();
        java.util.Set<String> distinct = new java.util.HashSet<>();
        int count = 0;
        for (NumberHolding holding : holdings) {
            Subscription subscription = holding.subscriptionId() == null ? null : byId.get(holding.subscriptionId());
            if (subscription == null || !subscription.accountId().equals(holding.accountId())) {
                throw new IllegalArgumentException("number " + holding.number() + " is held on subscription " + holding.subscriptionId()
                        + ", which account " + holding.accountId() + " does not hold");
            }
            numbers.computeIfAbsent(holding.accountId(), a -> new ArrayList<>()).add(holding);
            distinct.add(holding.number());
            count++;
        }
        numbers.values().forEach(list -> list.sort(Comparator.comparing(NumberHolding::number).thenComparing(NumberHolding::activeFrom)));
        this.holdingsByAccount = freeze(numbers);
        this.holdingCount = count;
        this.numberCount = distinct.size();
        this.optionsByAccount = Map.copyOf(options);
        this.paymentsByAccount = Map.copyOf(payments);
    }

    /**
     * Reference data whose numbers are already placed on subscriptions ({@link NumberHolding#accountId()} and
     * {@link NumberHolding#subscriptionId()} set, {@link NumberHolding#continuesEarlier()} worked out).
     *
     * @throws IllegalArgumentException when a subscription names an unknown account or a holding an unknown subscription
     */
    public static ReferenceData of(Map<String, Account> accounts, Collection<Subscription> subscriptions, Collection<NumberHolding> holdings,
                                   Map<String, List<OptionHolding>> options, Map<String, List<Payment>> payments) {
        return new ReferenceData(accounts, subscriptions, holdings, options, payments);
    }

    /**
     * The one-plan form: each account holds its {@link Account#planId()} as its own subscription, and its numbers
     * on it (for tests and small tools; the loader reads subscriptions and dated numbers as well).
     *
     * @param accountOfNumber not used: an account's numbers say it already
     * @throws IllegalArgumentException when a number is held on a day its account's plan does not cover
     */
    public ReferenceData(Map<String, Account> accounts, Map<String, List<NumberHolding>> numbersByAccount,
                         Map<String, String> accountOfNumber, Map<String, List<OptionHolding>> optionsByAccount,
                         Map<String, List<Payment>> paymentsByAccount) {
        this(accounts, ownSubscriptions(accounts), placeOnOwnSubscriptions(accounts, numbersByAccount), optionsByAccount, paymentsByAccount);
    }

    private static List<Subscription> ownSubscriptions(Map<String, Account> accounts) {
        List<Subscription> own = new ArrayList<>();
        for (Account account : accounts.values()) {
            if (account.ownSubscription() != null) {
                own.add(account.ownSubscription());
            }
        }
        return own;
    }

    private static List<NumberHolding> placeOnOwnSubscriptions(Map<String, Account> accounts, Map<String, List<NumberHolding>> numbers) {
        Map<String, List<NumberHolding>> byNumber = new LinkedHashMap<>();
        for (Map.Entry<String, List<NumberHolding>> entry : numbers.entrySet()) {
            Account account = Objects.requireNonNull(accounts.get(entry.getKey()), () -> "numbers of unknown account " + entry.getKey());
            Subscription own = account.ownSubscription();
            for (NumberHolding raw : entry.getValue()) {
                List<Placement.Span> spans = own == null ? List.of() : Placement.spans(raw.activeFrom(), raw.activeTo(), List.of(own));
                if (spans.size() != 1 || !spans.get(0).from().equals(raw.activeFrom())
                        || !Objects.equals(spans.get(0).to(), raw.activeTo())) {
                    throw new IllegalArgumentException("number " + raw.number() + " of account " + account.id()
                            + " is held on days its plan does not cover");
                }
                byNumber.computeIfAbsent(raw.number(), n -> new ArrayList<>())
                        .add(raw.on(account.id(), own.id(), raw.activeFrom(), raw.activeTo(), false));
            }
        }
        List<NumberHolding> placed = new ArrayList<>();
        for (List<NumberHolding> holdings : byNumber.values()) {
            placed.addAll(Placement.markContinuations(holdings));
        }
        return placed;
    }

    private static <V> Map<String, List<V>> freeze(Map<String, List<V>> map) {
        Map<String, List<V>> frozen = new HashMap<>();
        map.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    /**
     * These reference data with the customers' details of {@code customers.csv}; called once by the loader, before the
     * reference data are handed out.
     */
    public ReferenceData withCustomers(CustomerDirectory details) {
        this.customers = details;
        return this;
    }

    /** The details of the account's customer, or null where customers.csv has no row for it. */
    public CustomerDetails customer(String accountId) {
        return customers.get(accountId);
    }

    public Map<String, Account> accounts() {
        return accounts;
    }

    public Account account(String id) {
        return Objects.requireNonNull(accounts.get(id), () -> "no account " + id);
    }

    /** Every subscription, by id. */
    public Map<String, Subscription> subscriptions() {
        return subscriptions;
    }

    public Subscription subscription(String id) {
        return Objects.requireNonNull(subscriptions.get(id), () -> "no subscription " + id);
    }

    /** The account's subscriptions, by start date and id. */
    public List<Subscription> subscriptionsOf(String accountId) {
        return subscriptionsByAccount.getOrDefault(accountId, List.of());
    }

    /** The account's subscriptions in force on some day of {@code [first, last]}, by start date and id. */
    public List<Subscription> subscriptionsOf(String accountId, LocalDate first, LocalDate last) {
        List<Subscription> inForce = new ArrayList<>();
        for (Subscription subscription : subscriptionsOf(accountId)) {
            if (subscription.inForceBetween(first, last)) {
                inForce.add(subscription);
            }
        }
        return inForce;
    }

    /**
     * The subscription an account's documents are issued under on a day: its account-wide one in force then, else
     * the last to start on or before the day, else its first; null for an account that holds none.
     */
    public Subscription mainSubscription(String accountId, LocalDate day) {
        List<Subscription> held = subscriptionsOf(accountId);
        Subscription latest = null;
        for (Subscription subscription : held) {
            if (subscription.accountWide() && subscription.inForceOn(day)) {
                return subscription;
            }
            if (!subscription.from().isAfter(day)) {
                latest = subscription;
            }
        }
        return latest != null ? latest : held.isEmpty() ? null : held.get(0);
    }

    /** Every holding of the account's numbers, by number and start. */
    public List<NumberHolding> numbers(String accountId) {
        return holdingsByAccount.getOrDefault(accountId, List.of());
    }

    /** The holdings on one subscription, by number and start. */
    public List<NumberHolding> holdings(String subscriptionId) {
        Subscription subscription = subscriptions.get(subscriptionId);
        if (subscription == null) {
            return List.of();
        }
        List<NumberHolding> on = new ArrayList<>();
        for (NumberHolding holding : numbers(subscription.accountId())) {
            if (holding.subscriptionId().equals(subscriptionId)) {
                on.add(holding);
            }
        }
        return on;
    }

    /** A number's holdings, in every account, by start date; empty when no account ever held it. */
    public List<NumberHolding> holdingsOf(String number) {
        Map<String, List<NumberHolding>> byNumber = holdingsByNumber;
        if (byNumber == null) {
            Map<String, List<NumberHolding>> made = new HashMap<>();
            for (List<NumberHolding> holdings : holdingsByAccount.values()) {
                for (NumberHolding holding : holdings) {
                    made.computeIfAbsent(holding.number(), n -> new ArrayList<>(1)).add(holding);
                }
            }
            made.values().forEach(list -> list.sort(Comparator.comparing(NumberHolding::activeFrom)));
            holdingsByNumber = byNumber = made;
        }
        return byNumber.getOrDefault(number, List.of());
    }

    /** The holding of a number on a day, or null. */
    public NumberHolding holdingOn(String number, LocalDate day) {
        for (NumberHolding holding : holdingsOf(number)) {
            if (holding.activeOn(day)) {
                return holding;
            }
        }
        return null;
    }

    /** The number's latest holding (the one it is held on now, or was last), or null. */
    public NumberHolding latestHolding(String number) {
        List<NumberHolding> holdings = holdingsOf(number);
        return holdings.isEmpty() ? null : holdings.get(holdings.size() - 1);
    }

    public List<OptionHolding> options(String accountId) {
        return optionsByAccount.getOrDefault(accountId, List.of());
    }

    public Map<String, List<OptionHolding>> optionsByAccount() {
        return optionsByAccount;
    }

    public List<Payment> payments(String accountId) {
        return paymentsByAccount.getOrDefault(accountId, List.of());
    }

    public Map<String, List<Payment>> paymentsByAccount() {
        return paymentsByAccount;
    }

    /** Distinct numbers ever held. */
    public int numberCount() {
        return numberCount;
    }

    /** Holdings: numbers on subscriptions over dates. */
    public int holdingCount() {
        return holdingCount;
    }
}
