package dev.ratel.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code ratel} in a child JVM, started from the test's class path, for the tests that kill it,
 * starve it of disk or run two at once. Standard output and error are merged.
 */
final class RatelChild {
    /** The flags Chronicle needs on Java 17, as the {@code ratel} launcher passes them. */
    static final List<String> JVM_OPTIONS = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true");

    /** How many times the crash tests kill a run: more under {@code -Preliability-long}. */
    static int kills(int usual) {
        return Integer.getInteger("ratel.crash.kills", usual);
    }

    private RatelChild() {
    }

    /** Starts {@code ratel ARGS...} with the given maximum heap ("256m"). */
    static Process start(String heap, String... args) throws IOException {
        return new ProcessBuilder(javaCommand(heap, args)).redirectErrorStream(true).start();
    }

    /**
     * Starts {@code ratel ARGS...} as from a terminal, where Ctrl-C reaches it: with SIGINT's default disposition, which a
     * test run started in the background (a shell's {@code mvn verify &}) would otherwise pass on to the child as ignored.
     */
    static Process startInterruptible(String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(javaCommand(heap, args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Starts {@code ratel ARGS...} under the given umask ("077"), through {@code sh}, as a shell of that operator would. */
    static Process startWithUmask(String umask, String heap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(javaCommand(heap, args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<String> javaCommand(String heap, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RatelCommand.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    static String output(Process child) throws IOException {
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** SIGKILL, as the out-of-memory killer or a power cut would end it: no shutdown hooks run. */
    static void kill(Process child) throws InterruptedException {
        child.destroyForcibly().waitFor();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
