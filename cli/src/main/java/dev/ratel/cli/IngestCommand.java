package dev.ratel.cli;

import dev.ratel.formats.cdr.SwitchSettings;
import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.jobs.home.HomeLock;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel ingest}: CDR files into the journal. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Take CDR files into the journal: each record accepted, rejected with a reason, or counted as a duplicate.",
        footerHeading = "%nExamples:%n", footer = {
                "  ratel ingest --cdr /var/spool/cdr/2024-05-17/",
                "  ratel ingest --format asterisk --zone Europe/Moscow --source pbx-1 --cdr Master.csv",
                "  ratel ingest --format freeswitch --zone Asia/Almaty --source fs-1 --local-prefix 7727 --cdr /var/log/freeswitch/cdr-csv",
                "  ratel ingest --format parquet --cdr exports/cdr-2024-05.parquet",
                "  ratel ingest --format ber --source msc-almaty --local-prefix 7727 --cdr /data/msc/cdr",
                "%nExit codes: 0 done (rejects are in the rejects file), 1 failed, 2 bad command line or unreadable file header,",
                "  3 done but the share of rejected records exceeded --max-reject-ratio."})
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Option(names = "--cdr", required = true, arity = "1..*", paramLabel = "PATH", description = "CDR files or directories (plain or gzip).")
    List<Path> cdr = new ArrayList<>();

    @Option(names = "--format", defaultValue = "canonical", paramLabel = "FORMAT", description = "canonical, asterisk, freeswitch, parquet or ber: 3GPP TS 32.298 records of an MSC or PGW (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Asterisk, FreeSWITCH: the zone the switch logs local times in, e.g. Europe/Moscow (UTC if it logs UTC). BER: the zone of timestamps written without their UTC offset (default UTC).")
    String zone;

    @Option(names = "--source", paramLabel = "NAME", description = "Asterisk, FreeSWITCH, BER: the switch's name, the source of its records (default: asterisk, freeswitch or ber).")
    String source;

    @Option(names = "--local-prefix", paramLabel = "DIGITS", description = "Asterisk, FreeSWITCH, BER: the switch's country and area code, put before its local numbers of up to 7 digits, e.g. 74232.")
    String localPrefix;

    @Option(names = "--inbound-context", paramLabel = "PATTERN", description = "Asterisk, FreeSWITCH: dialplan context of incoming calls; * matches anything (default: from-pstn, from-trunk, *-pstn, incoming*, inbound*, public).")
    List<String> inboundContexts;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where to write the run's rejects (default: HOME/reports/ingest-RUN-rejects.csv).")
    Path rejects;

    @Option(names = "--future-tolerance", paramLabel = "DURATION", defaultValue = "PT1H", description = "How far in the future a start time may lie (default: ${DEFAULT-VALUE}).")
    Duration futureTolerance;

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO", defaultValue = "1.0", description = "Exit 3 when more than this share of records is rejected (default: ${DEFAULT-VALUE}).")
    double maxRejectRatio;

    @Option(names = "--expected-records", paramLabel = "N", defaultValue = "1000000",
            description = "Records this home will hold: the duplicate index is created that large (up to 94 million) and "
                    + "doubles past 70%% full, rehashing everything; give the month's volume (default: ${DEFAULT-VALUE}).")
    long expectedRecords;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Setup.writableDirectory(homeOption.home(), "--home");
        CdrFormat cdrFormat;
        try {
            cdrFormat = CdrFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--format '" + format + "' is not canonical, asterisk, freeswitch, parquet or ber");
        }
        SwitchSettings asterisk = null;
        if (cdrFormat.fromSwitch()) {
            String name = cdrFormat.name().toLowerCase(java.util.Locale.ROOT);
            if (zone == null && cdrFormat == CdrFormat.BER) {
                zone = "UTC"; // TS 32.298 timestamps carry their offset from UTC
            }
            if (zone == null) {
                throw new UsageProblem("--zone is required with --format " + name + ": the zone the switch writes local times in");
            }
            try {
                asterisk = new SwitchSettings(ZoneId.of(zone), source == null ? name : source, localPrefix, inboundContexts);
            } catch (DateTimeException | IllegalArgumentException e) {
                throw new UsageProblem("--zone/--local-prefix: " + e.getMessage());
            }
        }
        IngestSettings settings = IngestSettings.defaults(homeOption.home(), cdrFormat, asterisk).withExpectedRecords(expectedRecords);
        settings = new IngestSettings(settings.home(), settings.format(), settings.asterisk(), settings.clock(), futureTolerance,
                settings.maxDurationSeconds(), settings.maxVolumeBytes(), settings.batchLines(), settings.expectedRecords());
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), "ingest");
        IngestSummary summary;
        try {
            summary = new Ingest(settings).run(cdr, rejects, progress::update);
        } catch (CdrFormatException | NoSuchFileException | HomeLock.HomeLockedException e) {
            throw new UsageProblem(e instanceof NoSuchFileException ? "no such CDR file or directory: " + e.getMessage() : e.getMessage());
        }
        progress.done(summary.read());
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("run", summary.runNumber());
            object.put("read", summary.read());
            object.put("accepted", summary.accepted());
            object.put("rejected", summary.rejected());
            object.put("duplicates", summary.duplicates());
            object.put("rejected_by_reason", summary.rejectedByReason());
            object.put("rejects_file", summary.rejectsFile().toString());
            object.put("elapsed_ms", summary.elapsedMillis());
            object.put("files", summary.files());
            object.put("skipped", summary.skipped());
            out.println(JsonOption.write(object));
        } else {
            out.printf("read %d = accepted %d + rejected %d + duplicates %d  (%d file(s), %.1f s)%n", summary.read(),
                    summary.accepted(), summary.rejected(), summary.duplicates(), summary.files().size(), summary.elapsedMillis() / 1000.0);
            summary.rejectedByReason().forEach((reason, count) -> out.printf("  rejected %-18s %d%n", reason, count));
            for (IngestSummary.FileSummary file : summary.files()) {
                if (file.resumed()) {
                    out.printf("  resumed %s after an interrupted run%n", file.path());
                }
            }
            for (IngestSummary.SkippedFile file : summary.skipped()) {
                out.printf("  skipped %s: %s%n", file.path(), file.reason());
            }
            out.printf("rejects: %s%n", summary.rejectsFile());
        }
        return summary.rejectRatio() > maxRejectRatio ? ExitCodes.TOO_MANY_REJECTS : ExitCodes.OK;
    }
}
