package dev.ratel.formats.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * The process's umask, which Java has no call for: Linux states it in {@code /proc/self/status}
 * ({@code Umask:}, since 4.7); elsewhere a directory made without a mode shows it. Hadoop applies its own
 * ({@code fs.permissions.umask-mode}, 022 by default) to what it creates, and would make an export
 * world-readable under an operator's umask 077.
 */
final class ProcessUmask {
    private static final int UNKNOWN = -1;
    private static volatile int umask = UNKNOWN;

    private ProcessUmask() {
    }

    /** The umask as octal text, e.g. {@code 077}; {@code 022} when it cannot be found. */
    static String octal() {
        int value = umask;
        if (value == UNKNOWN) {
            value = find();
            umask = value;
        }
        return String.format("%03o", value);
    }

    private static int find() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // probed below
        }
        try {
            Path probe = Files.createDirectory(Path.of(System.getProperty("java.io.tmpdir"), ".ratel-umask-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime()));
            try {
                Set<PosixFilePermission> granted = Files.getPosixFilePermissions(probe);
                int mode = 0;
                for (PosixFilePermission permission : granted) {
                    mode |= 1 << 8 - List.of(PosixFilePermission.values()).indexOf(permission);
                }
                return ~mode & 0777;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | RuntimeException unknown) {
            return 022;
        }
    }
}
