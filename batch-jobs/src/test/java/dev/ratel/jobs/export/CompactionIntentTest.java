package dev.ratel.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionIntentTest {
    @TempDir
    Path dir;

    @Test
    void shouldKeepItsLayoutByteForByte() throws IOException {
        CompactionIntent intent = new CompactionIntent("file:/srv/out/rated", "period=2024-05/day=07", ".compact-part-1a-2f-c.parquet.tmp", "part-1a-2f-c.parquet",
                List.of("part-1a-1f.parquet", "part-20-2f.parquet"));
        Path file = dir.resolve("compacting");
        intent.write(file);
        // a home written by this release holds these bytes: changing them strands a compaction a kill interrupted
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("ratel-compaction 2\n"
                + "root file:/srv/out/rated\n"
                + "day period=2024-05/day=07\n"
                + "temporary .compact-part-1a-2f-c.parquet.tmp\n"
                + "target part-1a-2f-c.parquet\n"
                + "source part-1a-1f.parquet\n"
                + "source part-20-2f.parquet\n");
        assertThat(CompactionIntent.read(file)).isEqualTo(intent);
        assertThat(dir.resolve("compacting.tmp")).doesNotExist();
        // the first release's intent, without the root, is still finished
        assertThat(CompactionIntent.decode("ratel-compaction 1\nday period=2024-05/day=07\ntemporary t\ntarget g\nsource s\n"))
                .isEqualTo(new CompactionIntent(null, "period=2024-05/day=07", "t", "g", List.of("s")));
    }

    @Test
    void shouldRefuseAFileThatIsNotAnIntent() {
        assertThatThrownBy(() -> CompactionIntent.decode("ratel-compaction 3\nday x\ntemporary y\ntarget z\n"))
                .hasMessageContaining("not a compaction intent");
        assertThatThrownBy(() -> CompactionIntent.decode("ratel-compaction 1\nday x\ntarget z\ntemporary y\n"))
                .hasMessageContaining("expected 'temporary ...'");
    }
}
