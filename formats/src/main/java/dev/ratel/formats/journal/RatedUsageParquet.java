package dev.ratel.formats.journal;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The contract's rated-usage Parquet: one file per export run and partition, under
 * {@code ROOT/rated/period=YYYY-MM/day=DD/}, written through the Hadoop {@code FileSystem} API so a
 * local path, {@code hdfs://} or {@code s3a://} work alike. {@code amount} is DECIMAL(18,4): the
 * rating's scaled long as it is, in the plan's currency and tax basis. {@code start_time} is UTC.
 * {@code charge_code} is the code of the tariff rule that rated the record (the invoice line it is summed
 * into); it is null in files exported before Ratel kept it, and the last column so that those files'
 * columns keep their places.
 */
public final class RatedUsageParquet {
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message rated_usage {"
            + " required binary record_id (STRING); required binary source (STRING); required binary account_id (STRING);"
            + " required binary subscriber (STRING); required binary service (STRING); required binary direction (STRING);"
            + " optional binary other_party (STRING); required int64 start_time (TIMESTAMP(MILLIS,true));"
            + " required binary period (STRING); required binary plan_id (STRING); optional binary destination_class (STRING);"
            + " required int64 billed_units; required int64 allowance_units; required int64 amount (DECIMAL(18,4));"
            + " required binary currency (STRING); required boolean late; required boolean throttled;"
            + " optional binary charge_code (STRING); }");

    private RatedUsageParquet() {
    }

    /**
     * The Hadoop configuration for a root: the classpath's ({@code core-site.xml}) for another file
     * system, none for a local path, to which nothing in it applies: reading Hadoop's default XML took
     * 0.05 s of each export's start.
     */
    public static Configuration configuration(Path root) {
        return isLocal(root) ? new Configuration(false) : new Configuration();
    }

    /**
     * A file system for the export root. On a local disk it is Hadoop's raw local file system, without
     * checksum side files and without a {@code chmod} child process per file created
     * ({@link LocalFileSystemWithoutChmod}), made here rather than through {@code FileSystem.get}, whose
     * cache key started Hadoop's user and security machinery (0.13 s of each export's start, measured)
     * for a path that needs none of it.
     */
    public static FileSystem fileSystem(Path root, Configuration conf) throws IOException {
        if (isLocal(root)) {
            return localFileSystem(conf);
        }
        FileSystem fs = root.getFileSystem(conf);
        if (fs instanceof LocalFileSystem) {
            // a path without a scheme on a configuration whose default file system is the local one
            return localFileSystem(conf);
        }
        fs.setWriteChecksum(false);
        return fs;
    }

    private static boolean isLocal(Path root) {
        return "file".equals(root.toUri().getScheme());
    }

    private static FileSystem localFileSystem(Configuration conf) throws IOException {
        LocalFileSystemWithoutChmod local = new LocalFileSystemWithoutChmod();
        // the files and directories of a local export take the process's umask, as every other output does
        Configuration own = new Configuration(conf);
        own.set("fs.permissions.umask-mode", ProcessUmask.octal());
        local.initialize(LOCAL, own);
        return local;
    }

    private static final java.net.URI LOCAL = java.net.URI.create("file:///");
}
