package dev.ratel.jobs.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a compaction is doing, kept in {@code HOME/export/compacting} from the moment its new file is
 * complete until the files it replaces are gone, so a kill at any point is finished by the next run and
 * no row is ever in two published files for longer than that. UTF-8 text, one field a line:
 *
 * <pre>
 * ratel-compaction 2
 * root file:/srv/out/rated           the export root it compacts in (version 1 had no such line)
 * day period=2024-05/day=07          the partition, under the root
 * temporary .compact-part-1a-2f-c.parquet.tmp
 * target part-1a-2f-c.parquet
 * source part-1a-1f.parquet          one line per file replaced, in the order their rows were copied
 * source part-20-2f.parquet
 * </pre>
 */
record CompactionIntent(String root, String day, String temporary, String target, List<String> sources) {
    static final String MAGIC = "ratel-compaction 2";
    /** The first release's layout, without the root: still read, so a compaction it left is finished. */
    static final String MAGIC_1 = "ratel-compaction 1";

    CompactionIntent {
        sources = List.copyOf(sources);
    }

    String encode() {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("root ").append(root).append('\n');
        text.append("day ").append(day).append('\n');
        text.append("temporary ").append(temporary).append('\n');
        text.append("target ").append(target).append('\n');
        for (String source : sources) {
            text.append("source ").append(source).append('\n');
        }
        return text.toString();
    }

    static CompactionIntent decode(String text) throws IOException {
        String[] lines = text.split("\n");
        boolean first = lines.length > 0 && lines[0].equals(MAGIC_1);
        if (lines.length < (first ? 4 : 5) || !(first || lines[0].equals(MAGIC))) {
            throw new IOException("not a compaction intent (expected '" + MAGIC + "' first)");
        }
        int at = 1;
        String root = first ? null : field(lines[at++], "root");
        String day = field(lines[at++], "day");
        String temporary = field(lines[at++], "temporary");
        String target = field(lines[at++], "target");
        List<String> sources = new ArrayList<>();
        for (int i = at; i < lines.length; i++) {
            sources.add(field(lines[i], "source"));
        }
        return new CompactionIntent(root, day, temporary, target, sources);
    }

    private static String field(String line, String name) throws IOException {
        if (!line.startsWith(name + " ")) {
            throw new IOException("compaction intent: expected '" + name + " ...', found '" + line + "'");
        }
        return line.substring(name.length() + 1);
    }

    /** Written whole under a temporary name, forced, then renamed: present means complete. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporaryFile = file.resolveSibling(file.getFileName() + ".tmp");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporaryFile,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(encode().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporaryFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static CompactionIntent read(Path file) throws IOException {
        return decode(Files.readString(file, StandardCharsets.UTF_8));
    }
}
