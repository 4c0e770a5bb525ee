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
        // Ratel takes numbers of up to 16 digits; 17 digits is no number of it, and is left alone
        assertThat(MaskedMessage.mask("number 7701234567890123 and 77012345678901234"))
                .isEqualTo("number 7701**********23 and 77012345678901234");
    }

    @Test
    void shouldMaskNumbersInTheOneLineACommandFailsWith() {
        // a failed command's message goes to cron mail: the number named in it is masked like a log's
        assertThat(Failures.describe(new IllegalStateException("number 74951000001 is in no account")))
                .isEqualTo("number 7495*****01 is in no account");
    }
}
