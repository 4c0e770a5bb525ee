package dev.ratel.jobs.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Finds the files of the given paths and opens them, gzip or plain. */
final class CdrInputs {
    private CdrInputs() {
    }

    /**
     * The files named, and every regular, non-hidden file under the directories named, each
     * directory's files in path order, so a run reads the same files in the same order every time.
     *
     * @throws NoSuchFileException naming a path that does not exist
     */
    static List<Path> list(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !path.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new NoSuchFileException(path.toString(), null, "no such CDR file or directory");
            }
        }
        return files;
    }

    /** Opens a file, decompressing it when it starts with gzip's magic bytes, whatever its name. */
    static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }
}
