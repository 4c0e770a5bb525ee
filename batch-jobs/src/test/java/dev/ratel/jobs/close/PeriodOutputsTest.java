package dev.ratel.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeriodOutputsTest {
    @Test
    void shouldKeepFileNamesMadeFromIdsInsideTheDirectoryVisibleAndApart() {
        Path directory = Path.of("/out/2024-05/invoices");
        List<String> ids = List.of("../../etc/passwd", "..", ".hidden", "A/B", "A_B", "A\\B", "Ж-1", "K1", "a\u0000b", "x".repeat(300),
                "x".repeat(300) + "y", "ACC-000123");
        Set<String> names = new HashSet<>();
        for (String id : ids) {
            String name = PeriodOutputs.safeFileName(id);
            assertThat(name).as(id).matches("[A-Za-z0-9_-][A-Za-z0-9._-]*").hasSizeLessThanOrEqualTo(133);
            assertThat(directory.resolve(name + ".pdf").normalize().getParent()).as(id).isEqualTo(directory);
            names.add(name);
        }
        assertThat(names).as("one file per id").hasSize(ids.size());
        // ids that are already safe keep their name; the others carry the start of their SHA-256
        assertThat(PeriodOutputs.safeFileName("K1")).isEqualTo("K1");
        assertThat(PeriodOutputs.safeFileName("ACC-000123")).isEqualTo("ACC-000123");
        assertThat(PeriodOutputs.safeFileName("A_B")).isEqualTo("A_B");
        assertThat(PeriodOutputs.safeFileName("A/B")).startsWith("A_B-").hasSize(4 + 12);
    }
}
