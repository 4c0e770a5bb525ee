package dev.ratel.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberDirectorySizingTest {
    @Test
    void shouldGiveTheMembershipBitsSixteenBitsANumberUpToAPowerOfTwoAndNeverOverflow() {
        assertThat(NumberDirectory.memberBitsFor(0)).isEqualTo(64);
        assertThat(NumberDirectory.memberBitsFor(4)).isEqualTo(64);
        // 100 000 numbers want 1 600 000 bits: the next power of two, 2^21 (256 KB)
        assertThat(NumberDirectory.memberBitsFor(100_000)).isEqualTo(1 << 21);
        assertThat(NumberDirectory.memberBitsFor(1 << 20)).isEqualTo(1 << 24);
        // an operator of 80 million numbers: 1.28e9 bits wanted, held to 2^30 (an int overflowed here)
        assertThat(NumberDirectory.memberBitsFor(80_000_000)).isEqualTo(1 << 30);
        assertThat(NumberDirectory.memberBitsFor(Integer.MAX_VALUE)).isEqualTo(1 << 30);
    }
}
