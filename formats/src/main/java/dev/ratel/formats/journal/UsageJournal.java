package dev.ratel.formats.journal;

import dev.ratel.core.rating.Service;
import dev.ratel.core.state.DiskSpace;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.RejectReason;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The usage journal: every record ingest accepts or rejects, in the layout of {@link JournalLayout},
 * on a Chronicle Queue. Opening it reads the excerpts' headers once to learn the runs, sources and
 * files it holds, and verifies the checksums of the last run's batches: a batch a kill or a full disk
 * left torn or zeroed, and what that run wrote after it, is made void (a {@code VOID} excerpt), so its
 * lines are read again from the input and nothing of it is rated. One process appends at a time (the
 * caller holds the home's lock); the free space under the journal is checked before every batch.
 */
public final class UsageJournal implements Closeable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UsageJournal.class);
    private final ChronicleQueue queue;
    private final DiskSpace space;
    private ExcerptAppender appender;
    /** Void ranges {@code [from, to)} of excerpt indexes, in order. */
    private long[] voidFrom = new long[0];
    private long[] voidTo = new long[0];
    private final List<byte[]> sources = new ArrayList<>();
    private final Map<Integer, FileEntry> files = new LinkedHashMap<>();
    private long[] lastBatchOfRun = new long[16];
    private long runs;
    private final List<BatchWriter> writers = new ArrayList<>();

    private UsageJournal(ChronicleQueue queue, DiskSpace space) {
        this.queue = queue;
        this.space = space;
    }

    /**
     * Opens (or creates) the journal in a directory and reads what it holds. A lock or a half-written
     * excerpt left by a killed process is taken over after half a second: the home's lock already
     * guarantees that no other process writes.
     */
    public static UsageJournal open(Path directory) {
        ChronicleStart.ensure();
        ChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile())
                .rollCycle(RollCycles.FAST_DAILY)
                .timeoutMS(500)
                .build();
        UsageJournal journal = new UsageJournal(queue, new DiskSpace(directory, directory.toAbsolutePath().getParent()));
        try {
            journal.scan(journal.lastRunStart());
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return journal;
    }

    /** The index of the last RUN excerpt (from where a torn tail can lie), or -1 for an empty journal. */
    private long lastRunStart() {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return -1;
                    }
                    if (dc.wire().bytes().readByte() == JournalLayout.RUN) {
                        return dc.index();
                    }
                }
            }
        }
    }

    /** What an excerpt of the current run did to the files and runs, undone if it turns out void. */
    private record Effect(long index, FileEntry file, long previousLastLine, long accepted, long rejected, long duplicates, long run,
                          long batchInRun, boolean fileDone) {
    }

    private void scan(long verifyFrom) {
        ExcerptTailer tailer = queue.createTailer();
        List<Effect> runEffects = new ArrayList<>();
        BatchCheck check = new BatchCheck(JournalLayout.BATCH_HEAD_BYTES);
        long damagedAt = -1;
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                if (damagedAt >= 0) {
                    continue; // the rest of a torn run: void with it
                }
                Bytes<?> in = dc.wire().bytes();
                long index = dc.index();
                byte type = in.readByte();
                switch (type) {
                    case JournalLayout.RUN:
                        runs = Math.max(runs, in.readLong());
                        ensureRuns(runs);
                        runEffects.clear();
                        break;
                    case JournalLayout.SOURCE: {
                        int id = in.readInt();
                        String name = in.readUtf8();
                        while (sources.size() <= id) {
                            sources.add(null);
                        }
                        sources.set(id, name.getBytes(StandardCharsets.UTF_8));
                        break;
                    }
                    case JournalLayout.FILE: {
                        int id = in.readInt();
                        long run = in.readLong();
                        long size = in.readLong();
                        long modified = in.readLong();
                        byte format = in.readByte();
                        String path = in.readUtf8();
                        files.put(id, new FileEntry(id, run, path, size, modified, format));
                        break;
                    }
                    case JournalLayout.BATCH:
                    case JournalLayout.BATCH_CHECKED: {
                        if (type == JournalLayout.BATCH_CHECKED && index >= verifyFrom && !check.verify(in)) {
                            damagedAt = index;
                            break;
                        }
                        if (type == JournalLayout.BATCH_CHECKED) {
                            in.readInt();
                        }
                        FileEntry file = files.get(in.readInt());
                        long sequence = in.readLong();
                        in.readLong();
                        long lastLine = in.readLong();
                        int accepted = in.readInt();
                        int rejected = in.readInt();
                        int duplicates = in.readInt();
                        long run = JournalLayout.runOf(sequence);
                        runEffects.add(new Effect(index, file, file == null ? 0 : file.lastLine, accepted, rejected, duplicates, run,
                                JournalLayout.batchInRunOf(sequence), false));
                        if (file != null) {
                            file.lastLine = lastLine;
                            file.accepted += accepted;
                            file.rejected += rejected;
                            file.duplicates += duplicates;
                        }
                        ensureRuns(run);
                        lastBatchOfRun[(int) run] = Math.max(lastBatchOfRun[(int) run], JournalLayout.batchInRunOf(sequence));
                        break;
                    }
                    case JournalLayout.FILE_DONE: {
                        FileEntry file = files.get(in.readInt());
                        if (file != null && !file.done) {
                            file.done = true;
                            runEffects.add(new Effect(index, file, 0, 0, 0, 0, -1, 0, true));
                        }
                        break;
                    }
                    case JournalLayout.VOID:
                        undo(runEffects, in.readLong(), index);
                        break;
                    default:
                        if (index >= verifyFrom) {
                            damagedAt = index; // a zeroed excerpt's type reads as 0
                            break;
                        }
                        throw new IllegalStateException("journal excerpt of unknown type " + type + " at index " + Long.toHexString(index));
                }
            }
        }
        if (damagedAt >= 0) {
            LOG.warn("usage journal: the batch at index {} does not match its checksum (a kill or a full disk tore it); it and what"
                    + " its run wrote after it are void, and their lines are read again", Long.toHexString(damagedAt));
            long marker;
            try (DocumentContext dc = appender().writingDocument()) {
                Bytes<?> out = dc.wire().bytes();
                out.writeByte(JournalLayout.VOID);
                out.writeLong(damagedAt);
                marker = dc.index();
            }
            undo(runEffects, damagedAt, marker);
        }
    }

    /** Undoes what the run's excerpts from {@code from} on did, and marks {@code [from, to)} void for the readers. */
    private void undo(List<Effect> runEffects, long from, long to) {
        for (int i = runEffects.size() - 1; i >= 0 && runEffects.get(i).index() >= from; i--) {
            Effect effect = runEffects.remove(i);
            if (effect.fileDone()) {
                effect.file().done = false;
                continue;
            }
            if (effect.file() != null) {
                effect.file().lastLine = effect.previousLastLine();
                effect.file().accepted -= effect.accepted();
                effect.file().rejected -= effect.rejected();
                effect.file().duplicates -= effect.duplicates();
            }
        }
        // the run's last batch is the last one left
        for (Effect effect : runEffects) {
            if (effect.run() >= 0) {
                lastBatchOfRun[(int) effect.run()] = 0;
            }
        }
        for (Effect effect : runEffects) {
            if (effect.run() >= 0) {
                lastBatchOfRun[(int) effect.run()] = Math.max(lastBatchOfRun[(int) effect.run()], effect.batchInRun());
            }
        }
        if (runEffects.isEmpty() && runs < lastBatchOfRun.length) {
            lastBatchOfRun[(int) runs] = 0;
        }
        voidFrom = Arrays.copyOf(voidFrom, voidFrom.length + 1);
        voidTo = Arrays.copyOf(voidTo, voidTo.length + 1);
        voidFrom[voidFrom.length - 1] = from;
        voidTo[voidTo.length - 1] = to;
    }

    /** Whether the excerpt at {@code index} lies in a void range: a torn run's tail. */
    boolean isVoid(long index) {
        for (int i = 0; i < voidFrom.length; i++) {
            if (index >= voidFrom[i] && index < voidTo[i]) {
                return true;
            }
        }
        return false;
    }

    private void ensureRuns(long run) {
        if (run >= lastBatchOfRun.length) {
            lastBatchOfRun = Arrays.copyOf(lastBatchOfRun, (int) Math.max(run + 1, lastBatchOfRun.length * 2L));
        }
    }

    private ExcerptAppender appender() {
        if (appender == null) {
            appender = queue.createAppender();
        }
        return appender;
    }

    /** Starts a new run and returns its number (1, 2, ...). */
    public long startRun(long nowEpochMillis) {
        runs++;
        ensureRuns(runs);
        try (DocumentContext dc = appender().writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            out.writeByte(JournalLayout.RUN);
            out.writeLong(runs);
            out.writeLong(nowEpochMillis);
        }
        return runs;
    }

    /** Whether a batch sequence was committed: written whole to the journal. */
    public boolean committed(long batchSequence) {
        long run = JournalLayout.runOf(batchSequence);
        return run < lastBatchOfRun.length && JournalLayout.batchInRunOf(batchSequence) <= lastBatchOfRun[(int) run];
    }

    /** The id of a source name, writing it to the journal the first time it is seen. */
    public int sourceId(byte[] name, int length) {
        for (int i = 0; i < sources.size(); i++) {
            byte[] known = sources.get(i);
            if (known != null && known.length == length && Arrays.equals(known, 0, length, name, 0, length)) {
                return i;
            }
        }
        if (sources.size() >= Short.MAX_VALUE) {
            throw new IllegalStateException("more than " + Short.MAX_VALUE + " distinct sources in one journal");
        }
        int id = sources.size();
        byte[] copy = Arrays.copyOf(name, length);
        sources.add(copy);
        try (DocumentContext dc = appender().writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            out.writeByte(JournalLayout.SOURCE);
            out.writeInt(id);
            out.writeUtf8(new String(copy, StandardCharsets.UTF_8));
        }
        return id;
    }

    public byte[] sourceName(int sourceId) {
        return sources.get(sourceId);
    }

    /** A file taken before and not finished (a run was killed), to be resumed; else null. */
    public FileEntry unfinished(String path, long sizeBytes, long modifiedEpochMillis) {
        for (FileEntry file : files.values()) {
            if (!file.done && file.path.equals(path) && file.sizeBytes == sizeBytes && file.modifiedEpochMillis == modifiedEpochMillis) {
                return file;
            }
        }
        return null;
    }

    /** Records a file taken by a run. */
    public FileEntry registerFile(long runNumber, String path, long sizeBytes, long modifiedEpochMillis, byte format) {
        int id = files.size() + 1;
        FileEntry file = new FileEntry(id, runNumber, path, sizeBytes, modifiedEpochMillis, format);
        files.put(id, file);
        try (DocumentContext dc = appender().writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            out.writeByte(JournalLayout.FILE);
            out.writeInt(id);
            out.writeLong(runNumber);
            out.writeLong(sizeBytes);
            out.writeLong(modifiedEpochMillis);
            out.writeByte(format);
            out.writeUtf8(path);
        }
        return file;
    }

    public void fileDone(FileEntry file) {
        try (DocumentContext dc = appender().writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            out.writeByte(JournalLayout.FILE_DONE);
            out.writeInt(file.fileId);
        }
        file.done = true;
    }

    public FileEntry file(int fileId) {
        return files.get(fileId);
    }

    public List<FileEntry> files() {
        return List.copyOf(files.values());
    }

    /** A reusable writer of batches. */
    public BatchWriter batchWriter() {
        return new BatchWriter();
    }

    /** A reader from the journal's start. */
    public JournalCursor cursor() {
        return new JournalCursor(queue.createTailer(), this);
    }

    @Override
    public void close() {
        for (BatchWriter writer : writers) {
            writer.release();
        }
        writers.clear();
        queue.close();
    }

    /**
     * Collects one batch off-heap (so the excerpt is written with one memory copy) and writes it as
     * one excerpt. Not thread-safe; reuse it; closing the journal frees it.
     */
    public final class BatchWriter {
        private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        /**
         * The accepted records, in the excerpt's layout and byte order (Chronicle's, little-endian), in a
         * heap array: written field by field through {@code Bytes}, each field paid a bounds and a
         * thread-safety check, a third of the journal's cost per record.
         */
        private byte[] records = new byte[64 * 1024];
        private int recordsLength;
        private final Bytes<?> rejects = Bytes.allocateElasticDirect(16 * 1024);

        private BatchWriter() {
            writers.add(this);
        }

        private void release() {
            rejects.releaseLast();
        }

        private FileEntry file;
        private long firstLine;
        private long lastLine;
        private int accepted;
        private int rejected;
        private int duplicates;

        public void begin(FileEntry file, long firstLine) {
            this.file = file;
            this.firstLine = firstLine;
            this.lastLine = firstLine - 1;
            recordsLength = 0;
            rejects.clear();
            accepted = 0;
            rejected = 0;
            duplicates = 0;
        }

        public boolean isEmpty() {
            return lastLine < firstLine;
        }

        public int size() {
            return accepted + rejected + duplicates;
        }

        public long byteSize() {
            return recordsLength + rejects.writePosition();
        }

        public void accept(CdrRecord record, int sourceId) {
            int at = recordsLength;
            if (records.length - at < JournalLayout.RECORD_FIXED_BYTES + record.recordIdLength) {
                records = java.util.Arrays.copyOf(records, Math.max(records.length * 2, at + JournalLayout.RECORD_FIXED_BYTES + 256));
            }
            byte[] out = records;
            out[at] = JournalLayout.recordKind(record.service, record.direction, record.smsEncoding);
            out[at + 1] = (byte) record.recordIdLength;
            SHORT.set(out, at + 2, (short) sourceId);
            INT.set(out, at + 4, (int) (record.line - firstLine));
            LONG.set(out, at + 8, record.subscriber);
            LONG.set(out, at + 16, record.otherParty);
            LONG.set(out, at + 24, record.startEpochMillis);
            long quantity = record.service == Service.VOICE ? record.durationSeconds
                    : record.service == Service.DATA ? record.volumeBytes : record.smsChars;
            LONG.set(out, at + 32, quantity);
            System.arraycopy(record.recordId, 0, out, at + JournalLayout.RECORD_FIXED_BYTES, record.recordIdLength);
            recordsLength = at + JournalLayout.RECORD_FIXED_BYTES + record.recordIdLength;
            accepted++;
            lastLine = Math.max(lastLine, record.line);
        }

        public void reject(long line, RejectReason reason, String recordId, String detail, String raw) {
            rejects.writeLong(line);
            rejects.writeByte(JournalLayout.rejectCode(reason));
            rejects.writeUtf8(recordId);
            rejects.writeUtf8(detail);
            rejects.writeUtf8(raw);
            rejected++;
            lastLine = Math.max(lastLine, line);
        }

        /** The accepted records' bytes so far, as the layout draws them: for tests. */
        public byte[] acceptedBytes() {
            return java.util.Arrays.copyOf(records, recordsLength);
        }

        public void duplicate(long line) {
            duplicates++;
            lastLine = Math.max(lastLine, line);
        }

        /** Writes the batch as one excerpt, covering lines up to {@code coveredThroughLine}, with its checksum. */
        public void commit(long batchSequence, long coveredThroughLine) {
            lastLine = Math.max(lastLine, coveredThroughLine);
            int rejectBytes = (int) rejects.readRemaining();
            space.require(1 + 4 + JournalLayout.BATCH_HEAD_BYTES + recordsLength + rejectBytes);
            byte[] head = this.head;
            INT.set(head, 0, file.fileId);
            LONG.set(head, 4, batchSequence);
            LONG.set(head, 12, firstLine);
            LONG.set(head, 20, lastLine);
            INT.set(head, 28, accepted);
            INT.set(head, 32, rejected);
            INT.set(head, 36, duplicates);
            crc.reset();
            crc.update(head, 0, JournalLayout.BATCH_HEAD_BYTES);
            crc.update(records, 0, recordsLength);
            if (rejectBytes > 0) {
                if (rejectCopy.length < rejectBytes) {
                    rejectCopy = new byte[Math.max(rejectBytes, rejectCopy.length * 2)];
                }
                rejects.read(rejects.readPosition(), rejectCopy, 0, rejectBytes);
                crc.update(rejectCopy, 0, rejectBytes);
            }
            try (DocumentContext dc = appender().writingDocument()) {
                Bytes<?> out = dc.wire().bytes();
                out.writeByte(JournalLayout.BATCH_CHECKED);
                out.writeInt((int) crc.getValue());
                out.write(head, 0, JournalLayout.BATCH_HEAD_BYTES);
                out.write(records, 0, recordsLength);
                out.write(rejects);
            }
            long run = JournalLayout.runOf(batchSequence);
            ensureRuns(run);
            lastBatchOfRun[(int) run] = Math.max(lastBatchOfRun[(int) run], JournalLayout.batchInRunOf(batchSequence));
            file.lastLine = lastLine;
            file.accepted += accepted;
            file.rejected += rejected;
            file.duplicates += duplicates;
        }

        private final byte[] head = new byte[JournalLayout.BATCH_HEAD_BYTES];
        private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        private byte[] rejectCopy = new byte[4096];
    }

    /**
     * The bytes {@link BatchWriter#reject} writes for a reject: line, reason, then each text as a
     * stop-bit length in UTF-8 bytes and the bytes. Lets a reader cut batches at the same size ahead of
     * the writer.
     */
    public static long rejectBytes(String recordId, String detail, String raw) {
        return 8 + 1 + utf8Field(recordId) + utf8Field(detail) + utf8Field(raw);
    }

    private static long utf8Field(String text) {
        if (text == null) {
            return 2;
        }
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // as Chronicle encodes it: three bytes for every char from 0x800, each half of a surrogate pair too
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        int stopBit = 1;
        for (long rest = length >>> 7; rest != 0; rest >>>= 7) {
            stopBit++;
        }
        return stopBit + length;
    }

}
