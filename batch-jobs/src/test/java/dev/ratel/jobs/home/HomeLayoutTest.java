package dev.ratel.jobs.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A home says its format, and a home of another format is refused before any work with what to do. */
class HomeLayoutTest {
    @TempDir
    Path dir;

    @Test
    void shouldStampANewHomeAndTakeAHomeThatOnlyIngested() throws Exception {
        Path fresh = dir.resolve("fresh");
        try (HomeLock lock = HomeLock.acquire(fresh)) {
            assertThat(Files.readString(HomeLayout.format(fresh))).isEqualTo("ratel-home 2\n");
        }
        Path ingested = dir.resolve("ingested");
        Files.createDirectories(HomeLayout.journal(ingested));
        HomeLayout.checkFormat(ingested);
        assertThat(Files.readString(HomeLayout.format(ingested))).isEqualTo("ratel-home 2\n");
        HomeLayout.checkFormat(ingested); // and again: same format
    }

    @Test
    void shouldCreateANewHomeReadableByItsOwnerAloneAndLeaveAnExistingOneAsItIs() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "permissions are POSIX modes");
        Path fresh = dir.resolve("parent/fresh");
        try (HomeLock lock = HomeLock.acquire(fresh)) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
        }
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        try (HomeLock lock = HomeLock.acquire(shared)) {
            // the operator chose this mode for a home that exists: it is kept
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-x---");
        }
    }

    @Test
    void shouldRefuseAHomeWhoseCountersWereKeyedByPositionAndSayWhatToDo() throws Exception {
        Path old = dir.resolve("old");
        Files.createDirectories(HomeLayout.rated(old));
        assertThatThrownBy(() -> HomeLock.acquire(old)).isInstanceOf(HomeFormatException.class)
                .hasMessageContaining("home format 1")
                .hasMessageContaining("start a new home (--home NEW)")
                .hasMessageContaining("--jdbc-url \"jdbc:h2:file:" + old.toAbsolutePath().resolve("jobs").resolve("repository"));
        assertThat(HomeLayout.format(old)).doesNotExist();
        // the lock was let go: the refusal holds nothing
        assertThatThrownBy(() -> HomeLock.acquire(old)).isInstanceOf(HomeFormatException.class);
    }

    @Test
    void shouldRefuseAHomeOfAnotherFormat() throws Exception {
        Path newer = Files.createDirectories(dir.resolve("newer"));
        Files.writeString(HomeLayout.format(newer), "ratel-home 3\n");
        assertThatThrownBy(() -> HomeLayout.checkFormat(newer)).hasMessageContaining("is of format 3; this Ratel reads format 2: use the newer Ratel");
        Files.writeString(HomeLayout.format(newer), "something else\n");
        assertThatThrownBy(() -> HomeLayout.checkFormat(newer)).hasMessageContaining("not a Ratel home format");
    }
}
