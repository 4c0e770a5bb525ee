package dev.ratel.bench.fuzz;

import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataException;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffProblem;
import dev.ratel.formats.tariff.TariffValidationException;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mutated tariff and reference files through the loaders, in the order {@code reference validate} and
 * every job use them (tax rates, tariffs, reference data, exchange rates). Each case is the sample
 * tariffs and a generated reference directory, valid as they stand, with one to three mutations in one
 * file: a line's bytes mutated as a record's are ({@link Mutations}), a line dropped, repeated or moved,
 * indentation shifted, nesting thousands deep, an alias bomb, a NUL. Checked for every case:
 *
 * <ul>
 *   <li>the loaders either load or refuse with their own exception, never another one;</li>
 *   <li>every problem names a file of the case and a line from 1 (line 0 only for a directory);</li>
 *   <li>no case takes more than {@value #SLOW_MILLIS} ms (a bomb the loader expands would).</li>
 * </ul>
 */
public final class LoaderFuzz {
    private static final long SLOW_MILLIS = 5_000;
    private static final Pattern PROBLEM = Pattern.compile("(?s)(/[^\\n]*?):(\\d+): .+");

    /** What a run found. */
    public static final class Result {
        public long cases;
        public long loaded;
        public long refused;
        public long problems;
        public final List<String> failures = new ArrayList<>();

        public boolean passed() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("%d mutated tariff and reference directories: %d loaded, %d refused with %d problems naming file and"
                    + " line; %d failures", cases, loaded, refused, problems, failures.size());
        }
    }

    private final SplittableRandom random;
    private final Path work;
    private final Result result = new Result();

    public LoaderFuzz(long seed, Path work) {
        this.random = new SplittableRandom(seed);
        this.work = work;
    }

    /** Runs {@code cases} mutated directories against the loaders; {@code tariffs} is the valid sample tariff directory. */
    public Result run(long cases, Path tariffs) throws IOException {
        Path valid = Files.createDirectories(work.resolve("loader-valid"));
        new Generator(new GeneratorSettings(valid, 12, 10, YearMonth.of(2024, 5), 0, 7, false, false, 0, 0, 0)).generate();
        try (var shipped = TaxRatesCsv.class.getResourceAsStream("/dev/ratel/formats/reference/tax-rates.csv")) {
            Files.write(valid.resolve("reference").resolve(TaxRatesCsv.FILE), shipped.readAllBytes()); // the VAT rates, fuzzed too
        }
        List<Path> tariffFiles;
        try (Stream<Path> files = Files.list(tariffs)) {
            tariffFiles = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Path> referenceFiles;
        try (Stream<Path> files = Files.list(valid.resolve("reference"))) {
            referenceFiles = files.sorted().toList();
        }
        Path caseTariffs = work.resolve("loader-case/tariffs");
        Path caseReference = work.resolve("loader-case/reference");
        for (long c = 0; c < cases; c++) {
            copy(tariffFiles, caseTariffs);
            copy(referenceFiles, caseReference);
            boolean tariff = random.nextInt(2) == 0;
            List<Path> choices = tariff ? tariffFiles : referenceFiles;
            Path victim = (tariff ? caseTariffs : caseReference).resolve(choices.get(random.nextInt(choices.size())).getFileName());
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutateFile(victim, tariff);
            }
            load(caseTariffs, caseReference, victim.getFileName() + " case " + c);
            result.cases++;
        }
        return result;
    }

    private static void copy(List<Path> files, Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> old = Files.list(directory)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
        for (Path file : files) {
            Files.copy(file, directory.resolve(file.getFileName()));
        }
    }

    private void load(Path tariffs, Path reference, String name) {
        long started = System.nanoTime();
        try {
            var plans = new TariffLoader(TaxRatesCsv.of(reference)).loadDirectory(tariffs);
            new ReferenceDataLoader(plans).load(reference);
            Path rates = reference.resolve("exchange-rates.csv");
            if (Files.exists(rates)) {
                ExchangeRatesCsv.read(rates);
            }
            result.loaded++;
        } catch (TariffValidationException e) {
            result.refused++;
            for (TariffProblem problem : e.problems()) {
                checkPlace(name, problem.file(), problem.line(), problem.toString(), tariffs, reference);
            }
        } catch (ReferenceValidationException e) {
            result.refused++;
            e.problems().forEach(problem -> checkProblem(name, problem, tariffs, reference));
        } catch (ReferenceDataException e) {
            result.refused++;
            checkPlace(name, e.file(), e.line(), e.getMessage(), tariffs, reference);
        } catch (Throwable crash) {
            java.io.StringWriter trace = new java.io.StringWriter();
            crash.printStackTrace(new java.io.PrintWriter(trace));
            String[] frames = trace.toString().split("\n");
            result.failures.add(name + ": " + String.join("\n", Arrays.copyOf(frames, Math.min(frames.length, 6))));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > SLOW_MILLIS) {
            result.failures.add(name + ": took " + millis + " ms");
        }
    }

    private void checkProblem(String name, String problem, Path tariffs, Path reference) {
        Matcher place = PROBLEM.matcher(problem);
        if (!place.matches()) {
            result.failures.add(name + ": a problem naming no file and line: " + problem);
            return;
        }
        checkPlace(name, Path.of(place.group(1)), Integer.parseInt(place.group(2)), problem, tariffs, reference);
    }

    private void checkPlace(String name, Path file, int line, String problem, Path tariffs, Path reference) {
        result.problems++;
        boolean inCase = file != null && (file.startsWith(tariffs) || file.startsWith(reference));
        if (!inCase || line < 0 || (line == 0 && !Files.isDirectory(file))) {
            result.failures.add(name + ": a problem not placed at a line of a file: " + problem);
        }
        if (problem.contains("Exception") || problem.contains("\tat ")) {
            result.failures.add(name + ": Java's words in a problem: " + problem);
        }
    }

    /** One mutation of a file; YAML files also get the structural damage a hand edit or a hostile file brings. */
    private void mutateFile(Path file, boolean yaml) throws IOException {
        List<byte[]> lines = new ArrayList<>(splitLines(Files.readAllBytes(file)));
        if (lines.isEmpty()) {
            lines.add(new byte[0]);
        }
        int at = random.nextInt(lines.size());
        int kind = random.nextInt(yaml ? 9 : 5);
        switch (kind) {
            case 0, 1 -> lines.set(at, Mutations.mutate(lines.get(at), random));
            case 2 -> lines.remove(at);
            case 3 -> lines.add(random.nextInt(lines.size() + 1), lines.get(at));
            case 4 -> { // a line moved
                byte[] moved = lines.remove(at);
                lines.add(random.nextInt(lines.size() + 1), moved);
            }
            case 5 -> { // indentation shifted
                byte[] line = lines.get(at);
                lines.set(at, random.nextBoolean() ? concat("  ".getBytes(StandardCharsets.US_ASCII), line)
                        : line.length > 1 && line[0] == ' ' ? Arrays.copyOfRange(line, Math.min(2, line.length), line.length) : line);
            }
            case 6 -> { // a value replaced by a hostile token, the key kept
                String line = new String(lines.get(at), StandardCharsets.UTF_8);
                int colon = line.indexOf(':');
                String token = Mutations.HOSTILE[random.nextInt(Mutations.HOSTILE.length)];
                lines.set(at, ((colon >= 0 ? line.substring(0, colon + 1) + " " : line) + token).getBytes(StandardCharsets.UTF_8));
            }
            case 7 -> { // nesting thousands deep
                int depth = 1_000 + random.nextInt(20_000);
                String open = random.nextBoolean() ? "[" : "{a: ";
                lines.add(at, ("deep: " + open.repeat(depth)).getBytes(StandardCharsets.UTF_8));
            }
            default -> lines.add(at, aliasBomb().getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        Files.write(file, out.toByteArray());
    }

    /** The "billion laughs": nine levels of nine aliases each, 387 million strings if expanded. */
    private static String aliasBomb() {
        StringBuilder bomb = new StringBuilder("l0: &l0 [\"lol\"]\n");
        for (int level = 1; level < 10; level++) {
            bomb.append('l').append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append("*l").append(level - 1);
            }
            bomb.append("]\n");
        }
        return bomb.toString().stripTrailing();
    }

    private static List<byte[]> splitLines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
