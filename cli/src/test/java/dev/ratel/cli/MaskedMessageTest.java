package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedMessageTest {
    @Test
    void shouldMaskPhoneNumbersButNotDatesOrShortCounts() {
        assertThat(MaskedMessage.mask("rated 77051110001 -> 77011234567 in 2024-05, 1024 records"))
                .isEqualTo("rated 7705*****01 -> 7701*****67 in 2024-05, 1024 records");
        assertThat(MaskedMessage.mask("caller 4951234567")).isEqualTo("caller 4951****67");
        assertThat(MaskedMessage.mask("no numbers here")).isEqualTo("no numbers here");
    }
}
