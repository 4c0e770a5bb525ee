package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.cdr.AsteriskCsvReader;
import dev.ratel.formats.cdr.SwitchSettings;
import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Hostile and broken input against every reader and loader (reliability issue): random bytes,
 * mangled rows, overlong fields, extreme numbers and dates. A reader never throws on a row; every
 * row comes back as a record or as a rejection with a reason, so read = accepted + rejected; a
 * loader fails only with its validation exception, naming file and line.
 */
class HostileInputPropertiesTest {
    private static final String HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n";
    private static final String GOOD_ROW = "r1,msc,VOICE,OUT,77051234567,77011234567,2024-05-17T10:15:00+05:00,125,,,";

    /** Counts of one reading: records, rejections (each with a reason), rows. */
    private record Outcome(int records, int rejected) {
    }

    private static Outcome readAll(CdrReader reader) throws IOException {
        CdrRecord record = new CdrRecord();
        int records = 0;
        int rejected = 0;
        for (CdrReader.Result result = reader.next(record); result != CdrReader.Result.END; result = reader.next(record)) {
            if (result == CdrReader.Result.REJECTED) {
                assertThat(reader.rejectReason()).as("a rejection names its reason").isNotNull();
                rejected++;
            } else {
                records++;
            }
        }
        return new Outcome(records, rejected);
    }

    @Property(tries = 400)
    void canonicalReaderTakesAnyBytesAfterTheHeaderWithoutThrowing(@ForAll @Size(max = 4000) byte[] body) throws IOException {
        byte[] input = (HEADER + new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        try (CdrReader reader = new CanonicalCsvReader(new ByteArrayInputStream(input), "fuzz.csv")) {
            readAll(reader);
        }
    }

    @Property(tries = 300)
    void canonicalReaderRefusesAnyHeaderlessBytesAsAFileNotAsACrash(@ForAll @Size(max = 2000) byte[] input) {
        try (CdrReader reader = new CanonicalCsvReader(new ByteArrayInputStream(input), "fuzz.csv")) {
            readAll(reader);
        } catch (CdrFormatException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.csv:1:");
        } catch (IOException e) {
            throw new AssertionError("only a CdrFormatException may refuse a file", e);
        }
    }

    @Property(tries = 300)
    void everyMangledRowIsReadOrRejectedWithAReason(@ForAll("mangledRows") List<String> rows) throws IOException {
        String input = HEADER + String.join("\n", rows) + "\n";
        try (CdrReader reader = new CanonicalCsvReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "fuzz.csv")) {
            Outcome outcome = readAll(reader);
            // no quotes and no line breaks inside the rows: one outcome per row, nothing dropped
            assertThat(outcome.records() + outcome.rejected()).isEqualTo(rows.size());
            // and every untouched row is a record
            assertThat(outcome.records()).isGreaterThanOrEqualTo((int) rows.stream().filter(GOOD_ROW::equals).count());
        }
    }

    @Provide
    Arbitrary<List<String>> mangledRows() {
        Arbitrary<String> field = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').excludeChars(',', '"').ofMaxLength(30),
                Arbitraries.longs().map(value -> Long.toString(value)),
                Arbitraries.strings().numeric().ofMinLength(17).ofMaxLength(40),
                Arbitraries.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-02-30T10:00:00+05:00", "2024-05-17 10:15:00",
                        "-1", "9223372036854775807", "VOICE", "SMS", "DATA", "OUT", "IN", "UCS2", ""),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(70_000).ofMaxLength(70_000));
        Arbitrary<String> mangled = Combinators.combine(Arbitraries.integers().between(0, 10), field,
                Arbitraries.integers().between(0, 14)).as((position, value, width) -> {
                    String[] fields = GOOD_ROW.split(",", -1);
                    List<String> out = new ArrayList<>(List.of(fields));
                    if (position < out.size()) {
                        out.set(position, value);
                    }
                    while (out.size() > width && out.size() > 1) {
                        out.remove(out.size() - 1);
                    }
                    return String.join(",", out);
                });
        return Arbitraries.oneOf(mangled, Arbitraries.just(GOOD_ROW)).list().ofMinSize(1).ofMaxSize(25)
                .filter(rows -> rows.stream().noneMatch(String::isBlank));
    }

    @Property(tries = 300)
    void asteriskReaderTakesAnyBytesWithoutThrowing(@ForAll @Size(max = 4000) byte[] input) throws IOException {
        SwitchSettings settings = new SwitchSettings(ZoneId.of("Asia/Vladivostok"), "pbx", "74232", null);
        try (CdrReader reader = new AsteriskCsvReader(new ByteArrayInputStream(input), settings)) {
            readAll(reader);
        }
    }

    @Property(tries = 20000)
    void tariffLoaderFailsOnlyWithAValidationNamingTheFile(@ForAll("mangledTariffs") String yaml) throws IOException {
        Path dir = Files.createTempDirectory("ratel-fuzz-tariff");
        Path file = dir.resolve("fuzzed.yaml");
        try {
            Files.writeString(file, yaml);
            new TariffLoader(TaxRatesCsv.shipped()).loadFile(file);
        } catch (TariffValidationException refused) {
            assertThat(refused.problems()).isNotEmpty();
            assertThat(refused.problems().get(0).toString()).contains("fuzzed.yaml");
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Provide
    Arbitrary<String> mangledTariffs() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("../samples/tariffs/kense-15.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Arbitrary<String> noise = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("price: -1", "per: 0", "amount: 99999999999999999999 min", "valid-from: 2024-13-45", "increment: 0/0",
                        "  - [", "}{", "plan: ", "currency: XXX", "time-zone: Mars/Olympus", "&a *a", "prefixes: [7, 7, 7]"));
        return Combinators.combine(Arbitraries.integers().between(0, lines.size() - 1), Arbitraries.integers().between(0, 2), noise)
                .as((line, action, text) -> {
                    List<String> out = new ArrayList<>(lines);
                    switch (action) {
                        case 0 -> out.remove((int) line);
                        case 1 -> out.add(line, text);
                        default -> out.set(line, out.get(line).replaceAll("[^:]*$", java.util.regex.Matcher.quoteReplacement(" " + text)));
                    }
                    return String.join("\n", out);
                });
    }

    @Property(tries = 20000)
    void referenceLoaderFailsOnlyWithAValidation(@ForAll @Size(max = 3000) byte[] accounts, @ForAll @Size(max = 3000) byte[] numbers)
            throws IOException, TariffValidationException {
        Path dir = Files.createTempDirectory("ratel-fuzz-reference");
        try {
            Files.write(dir.resolve("accounts.csv"), concat("account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n", accounts));
            Files.write(dir.resolve("numbers.csv"), concat("number,account_id,kind,active_from,active_to\n", numbers));
            new ReferenceDataLoader(new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"))).load(dir);
        } catch (ReferenceValidationException refused) {
            assertThat(refused.problems()).isNotEmpty();
        } finally {
            Files.deleteIfExists(dir.resolve("accounts.csv"));
            Files.deleteIfExists(dir.resolve("numbers.csv"));
            Files.deleteIfExists(dir);
        }
    }

    private static byte[] concat(String header, byte[] body) {
        byte[] head = header.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
