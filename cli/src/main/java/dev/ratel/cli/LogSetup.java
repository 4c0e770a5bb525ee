package dev.ratel.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Ratel's logging, set up in code (found by Logback through {@code META-INF/services}): messages at
 * WARN and above, or at {@code RATEL_LOG_LEVEL}, to standard error, so that standard output carries
 * only results and JSON; phone numbers masked at INFO and above ({@link MaskedMessage}); Chronicle,
 * Hadoop and Parquet held to their warnings and errors.
 *
 * <p>Why not a {@code logback.xml}: every job is a fresh JVM, and reading the XML took Logback's
 * parser and model builder 0.05-0.08 s of each job's start (measured on a 2-core machine with the
 * class-data archive). A file of the operator's own still wins: with {@code -Dlogback.configurationFile}
 * set, this does nothing and Logback reads that file.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{20} - %maskedMsg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        rules.put("maskedMsg", MaskedMessage::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv("RATEL_LOG_LEVEL")));
        root.addAppender(stderr);
        context.getLogger("net.openhft").setLevel(Level.WARN);
        context.getLogger("org.apache.hadoop").setLevel(Level.ERROR);
        context.getLogger("org.apache.parquet").setLevel(Level.WARN);
        if (System.getenv("RATEL_LOG_LEVEL") == null || System.getenv("RATEL_LOG_LEVEL").isBlank()) {
            // a step's failure is logged with its stack trace by Spring Batch, and said again by the command in one line with
            // what to do (the stack trace with --verbose): by default the one line alone
            context.getLogger("org.springframework.batch.core.step.AbstractStep").setLevel(Level.OFF);
            context.getLogger("org.springframework.batch.core.job.AbstractJob").setLevel(Level.OFF);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code RATEL_LOG_LEVEL} as a level; WARN when unset or not a level's name. */
    static Level level(String name) {
        return name == null || name.isBlank() ? Level.WARN : Level.toLevel(name.trim(), Level.WARN);
    }
}
