package dev.ratel.core.account;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The customers' details of {@code customers.csv}, by account id, kept packed: each customer's thirteen values as one
 * UTF-8 byte array, made back into {@link CustomerDetails} when a document asks for them. As objects (two records and
 * a dozen strings, Cyrillic ones two bytes a letter) a customer took about 2 KB of heap, and at 100 000 accounts the
 * close's live heap went from 452 to 670 MiB of its 1 GiB and spent its time collecting (documents 54 s -> 381 s,
 * {@code benchmarks/close-month 100000 1000000}); packed it is about 250 bytes.
 *
 * <p>The packed layout: the values in the order of {@link #FIELDS}, each followed by a NUL byte (values never hold one:
 * the loader refuses control characters), the date as {@code YYYY-MM-DD} or empty.
 */
public final class CustomerDirectory {
    public static final CustomerDirectory EMPTY = new CustomerDirectory();
    /** The packed values, in order. */
    static final String[] FIELDS = {"legal_address", "kpp", "bank_name", "bank_bic", "correspondent_account", "bank_account", "kbe",
        "knp", "email", "contract_no", "contract_date", "signer_position", "signer_name"};

    private final Map<String, byte[]> packed = new HashMap<>();

    /** Adds a customer, under the account id instance given (the account's own, so the key costs nothing more). */
    public void put(String accountId, CustomerDetails details) {
        packed.put(accountId, pack(details));
    }

    public boolean contains(String accountId) {
        return packed.containsKey(accountId);
    }

    public int size() {
        return packed.size();
    }

    /** The customer's details, or null where customers.csv has no row for the account. */
    public CustomerDetails get(String accountId) {
        byte[] bytes = packed.get(accountId);
        return bytes == null ? null : unpack(accountId, bytes);
    }

    static byte[] pack(CustomerDetails details) {
        Requisites r = details.requisites();
        String[] values = {r.legalAddress(), r.kpp(), r.bankName(), r.bankBic(), r.correspondentAccount(), r.bankAccount(), r.kbe(), r.knp(),
            r.email(), details.contractNo(), details.contractDate() == null ? "" : details.contractDate().toString(), details.signerPosition(),
            details.signerName()};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (values[i].indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a customer's " + FIELDS[i] + " holds a NUL character");
            }
            text.append(values[i]).append('\0');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static CustomerDetails unpack(String accountId, byte[] bytes) {
        String[] values = new String(bytes, StandardCharsets.UTF_8).split("\0", -1);
        return new CustomerDetails(accountId, new Requisites(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8]), values[9], values[10].isEmpty() ? null : LocalDate.parse(values[10]), values[11], values[12]);
    }
}
