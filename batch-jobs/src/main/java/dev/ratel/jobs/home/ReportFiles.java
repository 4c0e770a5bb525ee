package dev.ratel.jobs.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Report files (the rejects of ingest and of rating), written whole under a temporary name, then
 * moved into place.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * A new empty file in {@code directory} (created when missing) to write a report into before it
     * is moved into place. It gets the permissions of any new file (read and write for all, less the
     * umask), not the owner-only ones {@code Files.createTempFile} gives: the engineer reading a
     * rejects file is often not the user cron ran the job as.
     */
    public static Path temporaryIn(Path directory, String prefix, String suffix) throws IOException {
        Files.createDirectories(directory);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the umask applies to the mode a file is created with, as for every other file Ratel writes
            return Files.createTempFile(directory, prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        }
        return Files.createTempFile(directory, prefix, suffix);
    }
}
