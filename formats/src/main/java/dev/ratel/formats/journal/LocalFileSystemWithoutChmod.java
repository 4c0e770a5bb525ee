package dev.ratel.formats.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system, setting permissions through {@code java.nio} rather than a child
 * {@code chmod} process. Without Hadoop's native library (a JVM-only install, as Ratel's), every
 * file and directory it creates forks one: 31 day partitions cost the export a fifth of a second,
 * and the fork of a JVM with a few GB mapped is slow on a small machine.
 */
public final class LocalFileSystemWithoutChmod extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        Set<PosixFilePermission> posix = EnumSet.noneOf(PosixFilePermission.class);
        short mode = permission.toShort();
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & 1 << bit) != 0) {
                posix.add(BITS[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(pathToFile(path).toPath(), posix);
        } catch (UnsupportedOperationException notPosix) {
            super.setPermission(path, permission);
        }
    }
}
