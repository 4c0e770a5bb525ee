package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.formats.ids.HoldingDictionary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holding dictionary's file, byte for byte, and codes that stay with a number on a subscription. */
class HoldingDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheHeaderAndEachEntryExactlyAsTheLayoutDrawsIt() throws IOException {
        Path file = dir.resolve("holdings.ids");
        try (HoldingDictionary dictionary = HoldingDictionary.open(file)) {
            assertThat(dictionary.codeFor(7, 77051110001L)).isZero();
            assertThat(dictionary.codeFor(7, 77051110001L)).isZero();
            // the same number on another subscription (moved to another account, another plan) is another holding
            assertThat(dictionary.codeFor(8, 77051110001L)).isEqualTo(1);
            dictionary.commit();
        }
        String first = "00000000" + "07000000" + "71a29af011000000";    // code 0, subscription 7, number 77 051 110 001
        String second = "01000000" + "08000000" + "71a29af011000000";   // code 1, subscription 8, the same number
        String expected = "5254454c484c4431" + "01000000" + "00000000"   // "RTELHLD1" little-endian, layout 1, reserved
                + first + crc(first) + second + crc(second);
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(file))).isEqualTo(expected);
    }

    @Test
    void shouldGiveTheSameCodesAfterReopeningAndCutATornTail() throws IOException {
        Path file = dir.resolve("holdings.ids");
        try (HoldingDictionary dictionary = HoldingDictionary.open(file, 3)) {
            for (int i = 0; i < 5000; i++) {
                assertThat(dictionary.codeFor(i % 7, 77050000000L + i)).isEqualTo(i);
            }
            dictionary.commit();
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));   // the last entry cut short, as a kill leaves it
        try (HoldingDictionary dictionary = HoldingDictionary.open(file)) {
            assertThat(dictionary.size()).isEqualTo(4999);
            assertThat(dictionary.code(4 % 7, 77050000004L)).isEqualTo(4);
            assertThat(dictionary.code(4998 % 7, 77050004998L)).isEqualTo(4998);
            assertThat(dictionary.code(4999 % 7, 77050004999L)).isEqualTo(-1);
            assertThat(dictionary.codeFor(1, 1L)).isEqualTo(4999);
            dictionary.commit();
        }
        assertThat(Files.size(file)).isEqualTo(whole.length);
        try (HoldingDictionary readOnly = HoldingDictionary.readOnly(file)) {
            assertThat(readOnly.code(1, 1L)).isEqualTo(4999);
            assertThatThrownBy(() -> readOnly.codeFor(2, 2L)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldRefuseADictionaryDamagedBeforeItsLastEntry() throws IOException {
        Path file = dir.resolve("holdings.ids");
        try (HoldingDictionary dictionary = HoldingDictionary.open(file)) {
            for (int i = 0; i < 3; i++) {
                dictionary.codeFor(1, 77050000000L + i);
            }
            dictionary.commit();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[16 + 9] ^= 0x01; // a bit of the first entry's number: a kill cannot do that, and cutting there would lose two codes
        Files.write(file, bytes);
        assertThatThrownBy(() -> HoldingDictionary.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged and whole entries follow it");
    }

    /** The CRC-32C of the hex bytes, as four little-endian bytes in hex. */
    private static String crc(String hex) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(HexFormat.of().parseHex(hex));
        int value = (int) crc.getValue();
        return HexFormat.of().formatHex(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }
}
