package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.formats.reference.NumberRangeRegister;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumberRangeRegisterTest {
    /** The real register, beside the repository; the test skips where it is absent. */
    private static final Path REAL_REGISTER = Path.of("../../shared/data/numbering/DEF-9xx.csv");

    @Test
    void shouldReadTheRegistersLayoutWithBomQuotesAndUnpaddedNumbers(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("def.csv"), "\uFEFFАВС/ DEF;От;До;Емкость;Оператор;Регион;ИНН\n"
                + "900;0;61999;62000;\"ООО \"\"Т2 Мобайл\"\"\";Краснодарский край;7743895280\n"
                + "900;62000;62999;1000;\"ООО \"\"Т2 Мобайл\"\"\";Ростовская обл.;7743895280\n", StandardCharsets.UTF_8);
        List<NumberRangeRegister.Range> ranges = NumberRangeRegister.read(file);
        assertThat(ranges).containsExactly(
                new NumberRangeRegister.Range(79000000000L, 79000061999L, "ООО \"Т2 Мобайл\"", "Краснодарский край", "7743895280"),
                new NumberRangeRegister.Range(79000062000L, 79000062999L, "ООО \"Т2 Мобайл\"", "Ростовская обл.", "7743895280"));
    }

    @Test
    void shouldClassifyRussianMobileNumbersByOperatorFromTheRealRegister() throws Exception {
        assumeTrue(Files.exists(REAL_REGISTER), "shared/data is not beside the repository");
        List<NumberRangeRegister.Range> ranges = NumberRangeRegister.read(REAL_REGISTER);
        assertThat(ranges).hasSize(9_677); // the README: 9 677 ranges
        DestinationClassifier.Builder builder = DestinationClassifier.builder();
        for (NumberRangeRegister.Range range : ranges) {
            builder.range(range.fromNumber(), range.toNumber(), range.operator().replaceAll("[^\\p{L}\\p{N}]+", "-"));
        }
        DestinationClassifier classifier = builder.build();
        // First row of the file: 900;0;61999 is T2 Mobile, so 79000000000 and 79000061999 are too.
        assertThat(classifier.className(classifier.classify(79000000000L))).contains("Т2-Мобайл");
        assertThat(classifier.className(classifier.classify(79000061999L))).contains("Т2-Мобайл");
        for (NumberRangeRegister.Range range : ranges.subList(0, 500)) {
            assertThat(classifier.classify(range.toNumber())).isNotEqualTo(DestinationClassifier.NO_CLASS);
        }
        assertThat(classifier.prefixCount()).isGreaterThan(9_677);
    }
}
