package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.formats.ids.IdDictionary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The id dictionary's file, byte for byte, and the promise that a code once given stays its identity's. */
class IdDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheHeaderAndEachEntryExactlyAsTheLayoutDrawsIt() throws IOException {
        Path file = dir.resolve("subscriptions.ids");
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            assertThat(dictionary.codeFor("A")).isZero();
            assertThat(dictionary.codeFor("Ń1")).isEqualTo(1);
            assertThat(dictionary.codeFor("A")).isZero();
            dictionary.commit();
        }
        String expected = "5254454c49445331" + "01000000" + "00000000"   // "RTELIDS1" little-endian, layout 1, reserved
                + "00000000" + "0100" + "41" + crc("00000000" + "0100" + "41")          // code 0, 1 byte: "A"
                + "01000000" + "0300" + "c58331" + crc("01000000" + "0300" + "c58331"); // code 1, 3 bytes: "Ń1" in UTF-8
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(file))).isEqualTo(expected);
    }

    @Test
    void shouldGiveTheSameCodesAfterReopeningAndNewOnesAfterTheLargest() throws IOException {
        Path file = dir.resolve("buckets.ids");
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            dictionary.codeFor("kense-15\u001Fkz-offnet-minutes");
            dictionary.codeFor("kense-15\u001Fkz-sms");
            dictionary.commit();
        }
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            assertThat(dictionary.code("kense-15\u001Fkz-sms")).isEqualTo(1);
            assertThat(dictionary.codeFor("prostoy-prosto\u001Fcall-credit")).isEqualTo(2);
            assertThat(dictionary.identity(0)).isEqualTo("kense-15\u001Fkz-offnet-minutes");
            // not committed: a code given but never made durable is given again, to whoever asks first
        }
        try (IdDictionary dictionary = IdDictionary.readOnly(file)) {
            assertThat(dictionary.size()).isEqualTo(2);
            assertThat(dictionary.code("prostoy-prosto\u001Fcall-credit")).isEqualTo(-1);
            assertThatThrownBy(() -> dictionary.codeFor("x")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldCutOffAnEntryAKillTore() throws IOException {
        Path file = dir.resolve("subscriptions.ids");
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            dictionary.codeFor("A");
            dictionary.codeFor("B");
            dictionary.commit();
        }
        byte[] whole = Files.readAllBytes(file);
        // the second entry (10 + 1 bytes) cut short in its checksum, as a kill in the middle of an append leaves it
        Files.write(file, Arrays.copyOf(whole, whole.length - 2));
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            assertThat(dictionary.size()).isEqualTo(1);
            assertThat(dictionary.code("B")).isEqualTo(-1);
            assertThat(dictionary.codeFor("C")).isEqualTo(1);
            dictionary.commit();
        }
        assertThat(Files.size(file)).isEqualTo(whole.length); // 16 + 11 + 11: the torn bytes went, C took their place
        // a flipped byte inside an entry fails its checksum the same way
        byte[] flipped = Files.readAllBytes(file);
        flipped[flipped.length - 6] ^= 0x01;
        Files.write(file, flipped);
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            assertThat(dictionary.size()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseADictionaryDamagedBeforeItsLastEntry() throws IOException {
        Path file = dir.resolve("subscriptions.ids");
        try (IdDictionary dictionary = IdDictionary.open(file)) {
            dictionary.codeFor("A");
            dictionary.codeFor("B");
            dictionary.commit();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[16 + 6] ^= 0x01; // the first entry's identity: its checksum fails, and a whole entry follows
        Files.write(file, bytes);
        assertThatThrownBy(() -> IdDictionary.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged and a whole entry follows it");
    }

    @Test
    void shouldRefuseAFileThatIsNoDictionary() throws IOException {
        Path file = dir.resolve("subscriptions.ids");
        Files.writeString(file, "account_id,customer_name\n");
        assertThatThrownBy(() -> IdDictionary.open(file)).isInstanceOf(IOException.class).hasMessageContaining("is not a Ratel id dictionary");
        assertThat(IdDictionary.readOnly(dir.resolve("absent.ids")).size()).isZero();
        assertThat(dir.resolve("absent.ids")).doesNotExist();
    }

    /** The CRC-32C of the hex bytes, as four little-endian bytes in hex. */
    private static String crc(String hex) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(HexFormat.of().parseHex(hex));
        int value = (int) crc.getValue();
        return HexFormat.of().formatHex(new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)});
    }
}
