package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogSetupTest {
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void captureStandardError() {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
        System.clearProperty("logback.configurationFile");
    }

    @Test
    void shouldBeFoundByLogbackThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogSetup.class);
    }

    @Test
    void shouldWriteWarningsToStandardErrorWithNumbersMaskedAndHoldLibrariesToTheirLevels() {
        LoggerContext context = configured();
        context.getLogger("dev.ratel.jobs.Rate").info("rated 77051110001");
        context.getLogger("dev.ratel.jobs.Rate").warn("late call of 77051110001");
        context.getLogger("org.apache.hadoop.fs.FileSystem").warn("hadoop warning");
        context.getLogger("org.apache.hadoop.fs.FileSystem").error("hadoop error");
        context.stop();

        String logged = err.toString(StandardCharsets.UTF_8);
        // INFO is below the default WARN; Hadoop's WARN below its ERROR
        assertThat(logged.lines()).hasSize(2);
        assertThat(logged).contains("WARN  dev.ratel.jobs.Rate - late call of 7705*****01")
                .contains("ERROR o.a.h.fs.FileSystem - hadoop error")
                .doesNotContain("77051110001").doesNotContain("hadoop warning");
        assertThat(logged.lines().findFirst().orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) WARN .*");
    }

    @Test
    void shouldTakeTheLevelFromTheEnvironmentAndFallBackToWarn() {
        assertThat(LogSetup.level("INFO")).isEqualTo(Level.INFO);
        assertThat(LogSetup.level(" debug ")).isEqualTo(Level.DEBUG);
        assertThat(LogSetup.level(null)).isEqualTo(Level.WARN);
        assertThat(LogSetup.level("")).isEqualTo(Level.WARN);
        assertThat(LogSetup.level("chatty")).isEqualTo(Level.WARN);
    }

    @Test
    void shouldLeaveAnOperatorsOwnFileToLogback() {
        System.setProperty("logback.configurationFile", "/etc/ratel/logback.xml");
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        // as Logback's SLF4J provider does for the JVM's own context
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }
}
