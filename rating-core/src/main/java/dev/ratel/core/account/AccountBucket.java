package dev.ratel.core.account;

import java.nio.charset.StandardCharsets;

/**
 * Which of an installation's B buckets an account belongs to: {@code murmur3_32(UTF-8 id, seed 0) mod B}, the hash
 * read as unsigned. A bucket is the unit that partitioned steps split the work by — locally on threads, remotely on
 * workers (docs/architecture.md, "Past one machine") — so the function is fixed for good: an installation's accounts
 * must fall in the same buckets in every step, every night and on every machine. Java's {@code String.hashCode} is
 * stable too, but spreads ids that differ in their last characters (ACC-000001, ACC-000002 …) into neighbouring
 * values; MurmurHash3 (x86, 32-bit) spreads them evenly and is published, so another system can place an account the
 * same way. A record of a number nobody holds is placed by {@link #ofNumber}.
 */
public final class AccountBucket {
    /** The number of buckets of a new installation. */
    public static final int DEFAULT_BUCKETS = 64;

    private AccountBucket() {
    }

    /** The bucket of an account id among {@code buckets}. */
    public static int of(String accountId, int buckets) {
        return bucket(murmur3(accountId.getBytes(StandardCharsets.UTF_8)), buckets);
    }

    /** The bucket of a number's digits (as ASCII, international form) among {@code buckets}. */
    public static int ofNumber(long number, int buckets) {
        return bucket(murmur3(Long.toString(number).getBytes(StandardCharsets.US_ASCII)), buckets);
    }

    private static int bucket(int hash, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("an installation has at least one bucket, not " + buckets);
        }
        return (int) Long.remainderUnsigned(Integer.toUnsignedLong(hash), buckets);
    }

    /** MurmurHash3 x86 32-bit with seed 0 (Austin Appleby's reference, little-endian blocks). */
    static int murmur3(byte[] data) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = 4 * i;
            int k = (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16 | (data[at + 3] & 0xFF) << 24;
            k *= c1;
            k = Integer.rotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xFF) << 16;
                // fall through
            case 2:
                k ^= (data[tail + 1] & 0xFF) << 8;
                // fall through
            case 1:
                k ^= data[tail] & 0xFF;
                k *= c1;
                k = Integer.rotateLeft(k, 15);
                k *= c2;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
