package dev.ratel.core.destination;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Longest-prefix classification of phone numbers into the destination classes a tariff names
 * (on-net, other KZ mobile, KZ landline, international, freephone origin zones ...).
 *
 * <p>Numbers are digits in international form held in a {@code long} (at most 16 digits). Prefixes
 * and from-to ranges are compiled at build time into a flat decimal trie of {@code int} arrays, so
 * {@link #classify(long)} walks at most 16 nodes and allocates nothing. Ranges of the regulators'
 * registers (ABC/DEF: code, from, to) are split into the smallest set of prefixes that covers them
 * exactly, so a range and a prefix compete by length like any two prefixes.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class DestinationClassifier {
    /** Returned by {@link #classify} when no prefix matches and there is no default class. */
    public static final int NO_CLASS = -1;
    /**
     * The reserved class of a call whose other party is a number of the same account (a closed
     * user group). It has no prefixes: the rater assigns it from the number directory.
     */
    public static final String SAME_ACCOUNT = "same-account";
    private static final int MAX_DIGITS = 16;

    private final String[] classNames;
    private final int[] children;
    private final int[] classOfNode;
    private final int defaultClass;
    private final int prefixCount;

    private DestinationClassifier(String[] classNames, int[] children, int[] classOfNode, int defaultClass, int prefixCount) {
        this.classNames = classNames;
        this.children = children;
        this.classOfNode = classOfNode;
        this.defaultClass = defaultClass;
        this.prefixCount = prefixCount;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The class id of the longest prefix of {@code number}, else the default class, else {@link #NO_CLASS}. */
    public int classify(long number) {
        if (number <= 0) {
            return defaultClass;
        }
        long reversedDigits = 0;
        int length = 0;
        long rest = number;
        while (rest != 0) {
            if (length == MAX_DIGITS) {
                return defaultClass;
            }
            reversedDigits = (reversedDigits << 4) | (rest % 10);
            rest /= 10;
            length++;
        }
        int[] next = children;
        int node = 0;
        int found = classOfNode[0];
        for (int i = 0; i < length; i++) {
            node = next[node * 10 + (int) (reversedDigits & 0xF)];
            if (node == 0) {
                break;
            }
            reversedDigits >>>= 4;
            int nodeClass = classOfNode[node];
            if (nodeClass >= 0) {
                found = nodeClass;
            }
        }
        return found >= 0 ? found : defaultClass;
    }

    /** Classifies a number given as a string of digits. */
    public int classify(String digits) {
        if (digits == null || digits.isEmpty() || digits.length() > MAX_DIGITS) {
            return defaultClass;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return defaultClass;
            }
        }
        return classify(Long.parseLong(digits));
    }

    /** The class's name, or {@code "unclassified"} for {@link #NO_CLASS}. */
    public String className(int classId) {
        return classId == NO_CLASS ? "unclassified" : classNames[classId];
    }

    /** The id of a named class, or {@link #NO_CLASS} if the classifier does not know it. */
    public int classId(String name) {
        for (int i = 0; i < classNames.length; i++) {
            if (classNames[i].equals(name)) {
                return i;
            }
        }
        return NO_CLASS;
    }

    public int classCount() {
        return classNames.length;
    }

    public List<String> classNames() {
        return List.of(classNames);
    }

    /** Number of distinct prefixes in the compiled table (ranges counted after splitting). */
    public int prefixCount() {
        return prefixCount;
    }

    /** Collects prefixes and ranges; {@link #build()} compiles them. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();
        private final Map<String, Integer> prefixes = new HashMap<>();
        private int defaultClass = NO_CLASS;

        /** Declares a class (so it exists even with no prefix) and returns its id. */
        public int declareClass(String name) {
            return ids.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        /**
         * Maps a digit prefix to a class.
         *
         * @throws IllegalArgumentException when the prefix is not digits or is already mapped to another class
         */
        public Builder prefix(String digits, String className) {
            if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("prefix '" + digits + "' must be 1 to " + MAX_DIGITS + " digits");
            }
            int id = declareClass(className);
            Integer previous = prefixes.putIfAbsent(digits, id);
            if (previous != null && previous != id) {
                throw new IllegalArgumentException("prefix " + digits + " is in both '" + names.get(previous)
                        + "' and '" + className + "'");
            }
            return this;
        }

        /**
         * Maps every number from {@code fromNumber} to {@code toNumber} inclusive (both of the same
         * number of digits) to a class.
         */
        public Builder range(long fromNumber, long toNumber, String className) {
            int digits = Long.toString(fromNumber).length();
            if (fromNumber <= 0 || toNumber < fromNumber || Long.toString(toNumber).length() != digits || digits > MAX_DIGITS) {
                throw new IllegalArgumentException("range " + fromNumber + "-" + toNumber
                        + " must be two numbers of the same length, the first not above the second");
            }
            long from = fromNumber;
            while (from <= toNumber) {
                long block = 1;
                int blockDigits = 0;
                while (blockDigits < digits - 1 && from % (block * 10) == 0 && from + block * 10 - 1 <= toNumber) {
                    block *= 10;
                    blockDigits++;
                }
                prefix(Long.toString(from / block), className);
                if (from > Long.MAX_VALUE - block) {
                    break;
                }
                from += block;
            }
            return this;
        }

        /** The class of numbers no prefix matches (for example {@code international}). */
        public Builder defaultClass(String className) {
            defaultClass = declareClass(className);
            return this;
        }

        public DestinationClassifier build() {
            int capacity = 1024;
            int[] children = new int[capacity * 10];
            int[] classOfNode = new int[capacity];
            Arrays.fill(classOfNode, NO_CLASS);
            int nodes = 1;
            for (Map.Entry<String, Integer> entry : prefixes.entrySet()) {
                String digits = entry.getKey();
                int node = 0;
                for (int i = 0; i < digits.length(); i++) {
                    int slot = node * 10 + (digits.charAt(i) - '0');
                    if (children[slot] == 0) {
                        if (nodes == capacity) {
                            capacity *= 2;
                            children = Arrays.copyOf(children, capacity * 10);
                            classOfNode = Arrays.copyOf(classOfNode, capacity);
                            Arrays.fill(classOfNode, nodes, capacity, NO_CLASS);
                        }
                        children[slot] = nodes++;
                    }
                    node = children[slot];
                }
                classOfNode[node] = entry.getValue();
            }
            return new DestinationClassifier(names.toArray(new String[0]), Arrays.copyOf(children, nodes * 10),
                    Arrays.copyOf(classOfNode, nodes), defaultClass, prefixes.size());
        }
    }
}
