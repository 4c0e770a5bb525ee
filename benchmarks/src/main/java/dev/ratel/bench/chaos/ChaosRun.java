package dev.ratel.bench.chaos;

import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every stateful command of a month, run by the {@code ratel} launcher as cron would, SIGKILLed at random
 * moments again and again, then compared with the same month run undisturbed. The month: a generated May
 * delivered in four drops (one a re-delivery of another: all duplicates), numbers blocked from the 21st
 * (a reference change between nights), the close with its documents and acts, then a late drop of May's
 * usage rated into June and June closed, and credit control on 31 July. The month is run in rounds, each
 * in a fresh home, until KILLS kills are reached: in a round every step is killed up to
 * {@value #KILLS_PER_STEP} times in a row (each start resuming what the last left), at a moment drawn
 * between the launcher's own start-up (a kill before it tests nothing) and the step's undisturbed
 * duration, then run to the end.
 *
 * <p>Compared after every round: the rated Parquet of each period (rows, amount and a hash of every
 * column, by DuckDB), every CSV of each period's documents byte for byte (invoices with their numbers,
 * lines, expiry), the run summaries but for timings, the credit-control file, every cell of every XLSX
 * (acts, registers) and the text of every PDF page (invoices, acts), no file more than the undisturbed
 * run has, and the allowance balances of sampled numbers. Prints the kills, how far into its step each came (in tenths of
 * the undisturbed duration, and the last line the step had printed) and every difference; exits 1 on any.
 *
 * <p>Usage: {@code ChaosRun KILLS WORK_DIR [SEED] [RATEL]}, RATEL the launcher (default {@code ./ratel}).
 */
public final class ChaosRun {
    private static final String TARIFFS = "samples/tariffs";
    private static final int KILLS_PER_STEP = 6;
    private static final int SAMPLED_NUMBERS = 12;

    private final int kills;
    private final Path work;
    private final SplittableRandom random;
    private final String launcher;
    private final List<String> differences = new ArrayList<>();
    private final Map<String, Integer> killsByStep = new LinkedHashMap<>();
    private final Map<Integer, Integer> killsByTenth = new TreeMap<>();
    private final Map<String, Integer> killsByLastLine = new TreeMap<>();
    private final Map<String, String> calmBalances = new LinkedHashMap<>();
    private long startupMillis;
    private int killed;
    private int rounds;
    private int finishedBeforeTheKill;

    public ChaosRun(int kills, Path work, long seed, String launcher) {
        this.kills = kills;
        this.work = work;
        this.random = new SplittableRandom(seed);
        this.launcher = launcher;
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path work = Path.of(args.length > 1 ? args[1] : "benchmarks/target/chaos");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        String launcher = args.length > 3 ? args[3] : "./ratel";
        long started = System.nanoTime();
        ChaosRun run = new ChaosRun(kills, work, seed, launcher);
        boolean same = run.run();
        System.out.printf("%d kills in %d rounds of the month (%d steps finished before their kill came) in %.0f s, seed %d%n",
                run.killed, run.rounds, run.finishedBeforeTheKill, (System.nanoTime() - started) / 1e9, seed);
        System.out.println("kills by step: " + run.killsByStep);
        System.out.println("kills by tenth of the step's undisturbed duration: " + run.killsByTenth);
        System.out.println("kills by the last line the step had printed (digits as #):");
        run.killsByLastLine.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(point -> System.out.printf("  %5d  %s%n", point.getValue(), point.getKey()));
        System.out.println(same ? "differences from the undisturbed run: 0" : "differences: " + run.differences.size());
        run.differences.forEach(d -> System.out.println("  " + d));
        System.exit(same ? 0 : 1);
    }

    /** A command of the month, run in a home and an output directory of its own. */
    private record Step(String name, List<String> args) {
    }

    /** Runs the month twice, undisturbed and under kills; true when every output is the same. */
    public boolean run() throws Exception {
        deleteTree(work);
        Path data = work.resolve("data");
        new Generator(new GeneratorSettings(data, 200, 100_000, YearMonth.of(2024, 5), 0, 11, false, false, 0.0, 0.0, 0.0)).generate();
        List<Path> days;
        try (Stream<Path> files = Files.list(data.resolve("cdr"))) {
            days = files.sorted().toList();
        }
        Path drops = Files.createDirectories(work.resolve("drops"));
        Path first = copyDays(days.subList(0, 10), drops.resolve("1"));
        Path second = copyDays(days.subList(10, 20), drops.resolve("2"));
        Path again = copyDays(days.subList(10, 20), drops.resolve("2-again"));
        Path third = copyDays(days.subList(20, days.size() - 1), drops.resolve("3"));
        Path late = copyDays(days.subList(days.size() - 1, days.size()), drops.resolve("late"));
        Path before = data.resolve("reference");
        Path after = blockFromThe21st(before, work.resolve("reference-21"));

        startupMillis = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            new ProcessBuilder(launcher, "--version").redirectErrorStream(true).redirectOutput(work.resolve("last-output.txt").toFile())
                    .start().waitFor();
            startupMillis = Math.min(startupMillis, (System.nanoTime() - started) / 1_000_000);
        }
        Map<String, Long> calmMillis = new LinkedHashMap<>();
        Path calm = work.resolve("calm");
        for (Step step : month(calm, first, second, again, third, late, before, after)) {
            long started = System.nanoTime();
            runToEnd(step);
            calmMillis.put(step.name(), (System.nanoTime() - started) / 1_000_000);
        }
        System.out.println("undisturbed, ms: " + calmMillis + "; the launcher starts in " + startupMillis + " ms");
        List<String> numbers = sampledNumbers(after);
        for (String number : numbers) {
            calmBalances.put(number, balances(calm, number, after));
        }
        while (killed < kills) {
            rounds++;
            Path chaos = work.resolve("chaos-" + rounds);
            int differencesBefore = differences.size();
            int killedBefore = killed;
            for (Step step : month(chaos, first, second, again, third, late, before, after)) {
                killRepeatedly(step, Math.min(KILLS_PER_STEP, kills - killed), calmMillis.get(step.name()));
                runToEnd(step);
            }
            compare(calm, chaos, after, numbers);
            System.out.printf("round %d: %d kills, %d differences (%d kills in all)%n", rounds, killed - killedBefore,
                    differences.size() - differencesBefore, killed);
            if (differences.size() == differencesBefore) {
                deleteTree(chaos); // a round that came out the same is not kept: the disk holds one month's home at a time
            }
        }
        return differences.isEmpty();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> old = Files.walk(root)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private List<Step> month(Path root, Path first, Path second, Path again, Path third, Path late, Path before, Path after) {
        String home = root.resolve("home").toString();
        String out = root.resolve("out").toString();
        List<Step> steps = new ArrayList<>();
        int night = 0;
        for (Path drop : List.of(first, second, again, third)) {
            night++;
            String reference = (drop == third ? after : before).toString();
            steps.add(new Step("ingest-" + night, List.of("ingest", "--home", home, "--cdr", drop.toString())));
            steps.add(new Step("rate-" + night, List.of("rate", "--home", home, "--tariffs", TARIFFS, "--reference", reference)));
            steps.add(new Step("export-" + night, List.of("export", "--home", home, "--tariffs", TARIFFS, "--out", out)));
        }
        steps.add(new Step("close-2024-05", List.of("close-month", "--period", "2024-05", "--home", home, "--tariffs", TARIFFS,
                "--reference", after.toString(), "--out", out)));
        steps.add(new Step("acts-2024-05", List.of("acts", "--period", "2024-05", "--home", home, "--tariffs", TARIFFS,
                "--reference", after.toString(), "--out", out)));
        steps.add(new Step("ingest-late", List.of("ingest", "--home", home, "--cdr", late.toString())));
        steps.add(new Step("rate-late", List.of("rate", "--home", home, "--tariffs", TARIFFS, "--reference", after.toString())));
        steps.add(new Step("close-2024-06", List.of("close-month", "--period", "2024-06", "--home", home, "--tariffs", TARIFFS,
                "--reference", after.toString(), "--out", out)));
        steps.add(new Step("credit-control", List.of("credit-control", "--home", home, "--at", "2024-07-31", "--tariffs", TARIFFS,
                "--reference", after.toString(), "--out", root.resolve("out/credit").toString())));
        return steps;
    }

    private static Path copyDays(List<Path> days, Path drop) throws IOException {
        Files.createDirectories(drop);
        for (Path day : days) {
            Files.copy(day, drop.resolve(drop.getFileName() + "-" + day.getFileName()));
        }
        return drop;
    }

    /** The reference data with every tenth number blocked at the customer's request from 21 May. */
    private static Path blockFromThe21st(Path reference, Path changed) throws IOException {
        Files.createDirectories(changed);
        try (Stream<Path> files = Files.list(reference)) {
            for (Path file : files.toList()) {
                Files.copy(file, changed.resolve(file.getFileName()));
            }
        }
        List<String> numbers = Files.readAllLines(reference.resolve("numbers.csv"), StandardCharsets.UTF_8);
        Path status = changed.resolve("number-status.csv");
        StringBuilder lines = new StringBuilder(Files.exists(status) ? Files.readString(status) : "number,status,from\n");
        for (int i = 1; i < numbers.size(); i += 10) {
            lines.append(numbers.get(i).split(",")[0]).append(",BLOCKED_CUSTOMER,2024-05-21\n");
        }
        Files.writeString(status, lines.toString());
        return changed;
    }

    private Process start(Step step) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(step.args());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("last-output.txt").toFile()).start();
    }

    private void runToEnd(Step step) throws Exception {
        Process child = start(step);
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException(step.name() + " did not finish in 10 minutes");
        }
        int exit = child.exitValue();
        if (exit != 0) {
            throw new IllegalStateException(step.name() + " exited " + exit + ": " + Files.readString(work.resolve("last-output.txt")));
        }
    }

    private void killRepeatedly(Step step, int share, long calmMillis) throws Exception {
        for (int k = 0; k < share; k++) {
            long delay = startupMillis + random.nextLong(Math.max(1, calmMillis - startupMillis));
            Process child = start(step);
            if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                finishedBeforeTheKill++;
                if (child.exitValue() != 0) {
                    throw new IllegalStateException(step.name() + " after a kill exited " + child.exitValue() + ": "
                            + Files.readString(work.resolve("last-output.txt")));
                }
                return; // done: the next step
            }
            child.destroyForcibly().waitFor();
            killed++;
            killsByStep.merge(step.name(), 1, Integer::sum);
            killsByTenth.merge((int) Math.min(10, delay * 10 / Math.max(1, calmMillis)), 1, Integer::sum);
            killsByLastLine.merge(step.args().get(0) + ": " + lastLine(), 1, Integer::sum);
        }
    }

    /** The last line the killed step printed, digits as '#', so that kills at one point of a step count together. */
    private String lastLine() throws IOException {
        String said = new String(Files.readAllBytes(work.resolve("last-output.txt")), StandardCharsets.UTF_8).strip();
        if (said.isEmpty()) {
            return "(nothing printed yet)";
        }
        String last = said.substring(said.lastIndexOf('\n') + 1).replaceAll("[0-9]+", "#");
        return last.length() > 70 ? last.substring(0, 70) + "…" : last;
    }

    private static List<String> sampledNumbers(Path reference) throws IOException {
        List<String> lines = Files.readAllLines(reference.resolve("numbers.csv"), StandardCharsets.UTF_8);
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i < lines.size() && numbers.size() < SAMPLED_NUMBERS; i += Math.max(1, lines.size() / SAMPLED_NUMBERS)) {
            numbers.add(lines.get(i).split(",")[0]);
        }
        return numbers;
    }

    private void compare(Path calm, Path chaos, Path reference, List<String> numbers) throws Exception {
        for (String period : List.of("2024-05", "2024-06")) {
            String calmRows = parquetDigest(calm.resolve("out/rated/period=" + period));
            String chaosRows = parquetDigest(chaos.resolve("out/rated/period=" + period));
            if (!calmRows.equals(chaosRows)) {
                differences.add("Parquet of " + period + ": " + chaosRows + " against " + calmRows);
            }
            compareFiles(calm.resolve("out").resolve(period), chaos.resolve("out").resolve(period));
        }
        compareFiles(calm.resolve("out/credit"), chaos.resolve("out/credit"));
        for (String number : numbers) {
            String chaosBalance = balances(chaos, number, reference);
            if (!calmBalances.get(number).equals(chaosBalance)) {
                differences.add("balances of " + number + ": " + chaosBalance + " against " + calmBalances.get(number));
            }
        }
    }

    /** CSVs byte for byte, the run summary but its timings, every XLSX cell, every PDF page's text; no file more. */
    private void compareFiles(Path calm, Path chaos) throws IOException {
        if (!Files.isDirectory(calm)) {
            differences.add(calm + " missing in the undisturbed run");
            return;
        }
        try (Stream<Path> files = Files.walk(calm)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path other = chaos.resolve(calm.relativize(file).toString());
                String name = file.getFileName().toString();
                if (!Files.exists(other)) {
                    differences.add(other + " missing");
                } else if (name.endsWith(".csv") && !java.util.Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(other))) {
                    differences.add(other + " differs from " + file);
                } else if (name.equals("run-summary.json") && !withoutTimings(file).equals(withoutTimings(other))) {
                    differences.add(other + " counts differ: " + withoutTimings(other) + " against " + withoutTimings(file));
                } else if (name.endsWith(".xlsx") && !cells(file).equals(cells(other))) {
                    differences.add(other + " holds other cells than " + file);
                } else if (name.endsWith(".pdf") && !text(file).equals(text(other))) {
                    differences.add(other + " reads otherwise than " + file);
                }
            }
        }
        try (Stream<Path> files = Files.walk(chaos)) {
            files.filter(Files::isRegularFile).filter(file -> !Files.exists(calm.resolve(chaos.relativize(file).toString())))
                    .forEach(extra -> differences.add(extra + " is not in the undisturbed run"));
        }
    }

    /** Every cell of every sheet with its type: a workbook's bytes hold the moment it was zipped, its cells do not. */
    private static String cells(Path workbook) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(workbook))) {
            for (var sheet : book) {
                all.append("sheet ").append(sheet.getSheetName()).append('\n');
                for (var row : sheet) {
                    for (var cell : row) {
                        all.append(cell.getAddress()).append(' ').append(cell.getCellType()).append(' ').append(cell).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** The text of every page: a PDF's bytes hold the moment it was written, its text does not. */
    private static String text(Path pdf) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var reader = new com.lowagie.text.pdf.PdfReader(pdf.toString())) {
            var extractor = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                all.append(extractor.getTextFromPage(page)).append("\f");
            }
        }
        return all.toString();
    }

    private static String withoutTimings(Path summary) throws IOException {
        return Files.readString(summary).replaceAll("\"timings_ms\"\\s*:\\s*\\{[^}]*\\},?", "");
    }

    private String balances(Path root, String number, Path reference) throws Exception {
        Process child = new ProcessBuilder(launcher, "balances", "--home", root.resolve("home").toString(), "--tariffs", TARIFFS,
                "--reference", reference.toString(), "--number", number, "--at", "2024-05-31", "--json").redirectErrorStream(true).start();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        child.waitFor();
        return said.trim();
    }

    private static String parquetDigest(Path period) throws Exception {
        if (!Files.isDirectory(period)) {
            return "no files";
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*), sum(amount), sum(hash(record_id, source, account_id, subscriber, service,"
                     + " direction, other_party, start_time, period, plan_id, destination_class, billed_units, allowance_units, amount,"
                     + " currency, late, throttled)::HUGEINT) FROM read_parquet('" + period + "/*/*.parquet')")) {
            rows.next();
            return rows.getLong(1) + " rows, amount " + rows.getBigDecimal(2) + ", hash " + rows.getString(3);
        }
    }
}
