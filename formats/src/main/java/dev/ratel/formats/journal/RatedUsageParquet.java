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
 */
public final class RatedUsageParquet {
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message rated_usage {"
            + " required binary record_id (STRING); required binary source (STRING); required binary account_id (STRING);"
            + " required binary subscriber (STRING); required binary service (STRING); required binary direction (STRING);"
            + " optional binary other_party (STRING); required int64 start_time (TIMESTAMP(MILLIS,true));"
            + " required binary period (STRING); required binary plan_id (STRING); optional binary destination_class (STRING);"
            + " required int64 billed_units; required int64 allowance_units; required int64 amount (DECIMAL(18,4));"
            + " required binary currency (STRING); required boolean late; required boolean throttled; }");

    private RatedUsageParquet() {
    }

    /**
     * A file system for the export root. On a local disk it is Hadoop's raw local file system, without
     * checksum side files and without a {@code chmod} child process per file created
     * ({@link LocalFileSystemWithoutChmod}).
     */
    public static FileSystem fileSystem(Path root, Configuration conf) throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        if (fs instanceof LocalFileSystem) {
            LocalFileSystemWithoutChmod local = new LocalFileSystemWithoutChmod();
            local.initialize(fs.getUri(), conf);
            return local;
        }
        fs.setWriteChecksum(false);
        return fs;
    }
}
