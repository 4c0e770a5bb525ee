package dev.ratel.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bucket of an account: MurmurHash3 x86 32-bit, checked against published values and Guava's implementation. */
class AccountBucketTest {
    @Test
    void shouldHashAsMurmurHash3Does() {
        // published MurmurHash3_x86_32 values, seed 0
        assertThat(AccountBucket.murmur3(new byte[0])).isZero();
        assertThat(AccountBucket.murmur3("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x248bfa47);
        // and Guava's, independent of this one, over ids of every length and the tails of 1, 2 and 3 bytes
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 10_000; i++) {
            byte[] id = new byte[random.nextInt(40)];
            for (int j = 0; j < id.length; j++) {
                id[j] = (byte) random.nextInt(256);
            }
            assertThat(AccountBucket.murmur3(id)).as("bytes %s", java.util.HexFormat.of().formatHex(id))
                    .isEqualTo(Hashing.murmur3_32_fixed().hashBytes(id).asInt());
        }
        String cyrillic = "ЛС-0001-Қ";
        assertThat(AccountBucket.murmur3(cyrillic.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Hashing.murmur3_32_fixed().hashString(cyrillic, StandardCharsets.UTF_8).asInt());
    }

    @Test
    void shouldPlaceAnAccountInTheSameBucketAlwaysAndSpreadSequentialIdsEvenly() {
        // the hash read as unsigned: a negative hash still gives a bucket in 0..B-1
        int hash = AccountBucket.murmur3("K1".getBytes(StandardCharsets.UTF_8));
        assertThat(AccountBucket.of("K1", 64)).isEqualTo((int) (Integer.toUnsignedLong(hash) % 64));
        assertThat(AccountBucket.of("K1", 64)).isEqualTo(AccountBucket.of(new String("K1"), 64));
        int[] counts = new int[AccountBucket.DEFAULT_BUCKETS];
        for (int i = 0; i < 64_000; i++) {
            counts[AccountBucket.of(String.format("ACC-%06d", i), AccountBucket.DEFAULT_BUCKETS)]++;
        }
        // 1 000 expected per bucket; a fair spread stays well within ±15 % (about five standard deviations)
        for (int count : counts) {
            assertThat(count).isBetween(850, 1_150);
        }
        assertThat(AccountBucket.ofNumber(77011234567L, 64)).isEqualTo(AccountBucket.of("77011234567", 64));
        assertThatThrownBy(() -> AccountBucket.of("K1", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
