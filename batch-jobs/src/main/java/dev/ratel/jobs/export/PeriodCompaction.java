package dev.ratel.jobs.export;

import dev.ratel.formats.journal.RatedRow;
import dev.ratel.formats.journal.RatedUsageWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Replaces the Parquet files of each day of a closed period by one: every export run (a nightly run,
 * a late file, a run resumed after a kill) adds a file per day it touched, and a month of them is
 * thousands of small files that every query opens. The rows are copied in export order into
 * {@code part-FIRST-LAST-c.parquet} (the range of rated excerpts the replaced files held); only files
 * the export checkpoint covers are taken, so a resumed export never names a compacted file.
 *
 * <p>Exactly once: the new file is written under a hidden name; then {@link CompactionIntent} is kept
 * in the home; then the file is renamed into place and the replaced ones deleted; then the intent goes.
 * A run killed anywhere in between is finished by the next export or compaction ({@link #recover}).
 * A reader listing the day between the rename and the deletes (milliseconds) may see its rows twice.
 */
final class PeriodCompaction {
    private final java.nio.file.Path home;
    private final FileSystem fs;
    private final Path root;
    private final Configuration conf;

    PeriodCompaction(java.nio.file.Path home, FileSystem fs, Path root, Configuration conf) {
        this.home = home;
        this.fs = fs;
        this.root = root;
        this.conf = conf;
    }

    /** Finishes a compaction a kill interrupted: the new file into place, the replaced files gone. */
    void recover() throws IOException {
        java.nio.file.Path intentFile = dev.ratel.jobs.home.HomeLayout.exportCompaction(home);
        if (!Files.exists(intentFile)) {
            return;
        }
        CompactionIntent intent = CompactionIntent.read(intentFile);
        String here = fs.makeQualified(root).toUri().toString();
        if (intent.root() != null && !intent.root().equals(here)) {
            // finished against another root it would find neither file there, and leave the rows twice in its own
            throw new IOException("a compaction of " + intent.root() + " was interrupted and is not finished; export once more to"
                    + " that place (--out), then to " + here);
        }
        Path day = new Path(root, intent.day());
        Path target = new Path(day, intent.target());
        Path temporary = new Path(day, intent.temporary());
        if (!fs.exists(target)) {
            if (!fs.exists(temporary)) {
                // neither: the intent was kept, then the day's directory lost (removed by hand); the sources stand
                Files.delete(intentFile);
                return;
            }
            rename(temporary, target);
        }
        for (String source : intent.sources()) {
            fs.delete(new Path(day, source), false);
        }
        Files.delete(intentFile);
    }

    /** Compacts every day of {@code period} holding two or more files the checkpoint covers; returns the files removed. */
    int compact(YearMonth period, long exportedThrough) throws IOException {
        recover();
        FileStatus[] days = fs.globStatus(new Path(root, "period=" + period + "/day=*"));
        if (days == null) {
            return 0;
        }
        java.util.Arrays.sort(days);
        int removed = 0;
        for (FileStatus day : days) {
            removed += compactDay(period, day.getPath(), exportedThrough);
        }
        return removed;
    }

    private int compactDay(YearMonth period, Path day, long exportedThrough) throws IOException {
        FileStatus[] listed = fs.globStatus(new Path(day, "part-*.parquet"));
        List<PartFile> parts = new ArrayList<>();
        for (FileStatus status : listed == null ? new FileStatus[0] : listed) {
            PartFile part = PartFile.parse(status.getPath().getName());
            if (part != null && part.last() <= exportedThrough) {
                parts.add(part);
            }
        }
        if (parts.size() < 2) {
            return 0;
        }
        parts.sort(Comparator.comparingLong(PartFile::first).thenComparingInt(PartFile::sequence));
        long first = parts.get(0).first();
        long last = parts.stream().mapToLong(PartFile::last).max().orElseThrow();
        String target = "part-" + Long.toHexString(first) + "-" + Long.toHexString(last) + "-c.parquet";
        String temporaryName = ".compact-" + target + ".tmp";
        Path temporary = new Path(day, temporaryName);
        fs.delete(temporary, false);
        List<String> sources = new ArrayList<>();
        try (RatedUsageWriter writer = RatedUsageWriter.create(fs, temporary)) {
            RowCopier copier = new RowCopier();
            for (PartFile part : parts) {
                sources.add(part.name());
                copier.copy(new Path(day, part.name()), writer);
            }
        }
        String dayName = "period=" + period + "/" + day.getName();
        new CompactionIntent(fs.makeQualified(root).toUri().toString(), dayName, temporaryName, target, sources).write(dev.ratel.jobs.home.HomeLayout.exportCompaction(home));
        recover();
        return sources.size();
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    /** An export file's name: {@code part-FIRST-LAST[-K|-c].parquet}, the range of rated excerpts in hex. */
    record PartFile(String name, long first, long last, int sequence) {
        static PartFile parse(String name) {
            if (!name.startsWith("part-") || !name.endsWith(".parquet")) {
                return null;
            }
            String[] fields = name.substring("part-".length(), name.length() - ".parquet".length()).split("-");
            if (fields.length < 2 || fields.length > 3) {
                return null;
            }
            try {
                int sequence = fields.length == 2 || fields[2].equals("c") ? 0 : Integer.parseInt(fields[2]);
                return new PartFile(name, Long.parseUnsignedLong(fields[0], 16), Long.parseUnsignedLong(fields[1], 16), sequence);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** Reads rows back into {@link RatedRow}s, names made once per distinct value. */
    private final class RowCopier {
        private final RatedRow row = new RatedRow();
        private final Map<String, RatedRow.Name> names = new HashMap<>();

        void copy(Path file, RatedUsageWriter writer) throws IOException {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
                for (Group group = reader.read(); group != null; group = reader.read()) {
                    fill(group);
                    writer.write(row);
                }
            }
        }

        private void fill(Group group) {
            byte[] recordId = group.getBinary("record_id", 0).getBytes();
            row.recordIdLength = recordId.length;
            System.arraycopy(recordId, 0, row.recordId, 0, recordId.length);
            byte[] source = group.getBinary("source", 0).getBytes();
            row.sourceLength = source.length;
            System.arraycopy(source, 0, row.source, 0, source.length);
            row.accountId = name(group, "account_id");
            row.subscriber = Long.parseLong(group.getString("subscriber", 0));
            row.service = name(group, "service");
            row.direction = name(group, "direction");
            row.otherParty = group.getFieldRepetitionCount("other_party") == 0 ? 0 : Long.parseLong(group.getString("other_party", 0));
            row.startEpochMillis = group.getLong("start_time", 0);
            row.period = name(group, "period");
            row.planId = name(group, "plan_id");
            row.destinationClass = group.getFieldRepetitionCount("destination_class") == 0 ? null : name(group, "destination_class");
            row.billedUnits = group.getLong("billed_units", 0);
            row.allowanceUnits = group.getLong("allowance_units", 0);
            row.amountScaled = group.getLong("amount", 0);
            row.currency = name(group, "currency");
            row.late = group.getBoolean("late", 0);
            row.throttled = group.getBoolean("throttled", 0);
            // files exported before the charge code was kept have no such column
            row.chargeCode = !group.getType().containsField("charge_code") || group.getFieldRepetitionCount("charge_code") == 0 ? null
                    : name(group, "charge_code");
        }

        private RatedRow.Name name(Group group, String column) {
            return names.computeIfAbsent(group.getString(column, 0), RatedRow.Name::of);
        }
    }
}
