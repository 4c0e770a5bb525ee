package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffProblem;
import dev.ratel.formats.tariff.TariffValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TariffLoaderTest {
    private static final String VALID = String.join("\n",
            "plan: demo",
            "name: Demo",
            "currency: KZT",
            "time-zone: Asia/Almaty",
            "tax: {jurisdiction: KZ, prices: include-tax-per-line}",
            "destinations:",
            "  classes:",
            "    - class: kz-mobile",
            "      prefixes: [7701, 783141-3]",
            "versions:",
            "  - valid-from: 2024-01-01",
            "    rates:",
            "      - id: minute",
            "        price: 18",
            "        per: 60",
            "    allowances:",
            "      - id: minutes",
            "        amount: 200 min",
            "    rules:",
            "      - charge: VOICE",
            "        service: VOICE",
            "        to: [kz-mobile]",
            "        increment: 60/60",
            "        draw: [minutes]",
            "        rate: minute",
            "");

    @TempDir
    Path dir;

    private final TariffLoader loader = new TariffLoader(TaxRatesCsv.shipped());

    @Test
    void shouldLoadAValidPlan() throws Exception {
        TariffPlan plan = loader.loadFile(write("demo.yaml", VALID));
        assertThat(plan.id()).isEqualTo("demo");
        assertThat(plan.versions().get(0).buckets().get(0).amount()).isEqualTo(12_000); // 200 min = 12 000 s
        assertThat(plan.versions().get(0).rates().get(0).pricePerUnitScaled()).isEqualTo(Money.parseScaled("18"));
        assertThat(plan.classifier().className(plan.classifier().classify(78314212345L))).isEqualTo("kz-mobile");
    }

    @Test
    void shouldReportAnUnknownKeyWithFileAndLineSoATypoNeverDropsARule() throws Exception {
        Path file = write("typo.yaml", VALID.replace("        draw: [minutes]", "        drow: [minutes]"));
        List<TariffProblem> problems = problems(file);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(24);
            assertThat(p.message()).contains("unknown key 'drow' in a rule").contains("draw");
        });
    }

    @Test
    void shouldReportEveryProblemOfAFileNotJustTheFirst() throws Exception {
        String broken = VALID
                .replace("currency: KZT", "currency: KZZ")
                .replace("amount: 200 min", "amount: 200 minutes")
                .replace("rate: minute", "rate: minut")
                .replace("to: [kz-mobile]", "to: [kz-mobil]")
                .replace("increment: 60/60", "increment: 60");
        List<TariffProblem> problems = problems(write("broken.yaml", broken));
        assertThat(problems).extracting(TariffProblem::line).contains(3, 18, 22, 23, 25);
        assertThat(problems).extracting(TariffProblem::message).anyMatch(m -> m.contains("unknown currency 'KZZ'"))
                .anyMatch(m -> m.contains("unknown unit 'minutes'"))
                .anyMatch(m -> m.contains("unknown rate 'minut'"))
                .anyMatch(m -> m.contains("unknown destination class 'kz-mobil'"))
                .anyMatch(m -> m.contains("must be first/next billed units"));
    }

    @Test
    void shouldRefuseAnAllowanceOfTheWrongUnitForTheService() throws Exception {
        List<TariffProblem> problems = problems(write("unit.yaml", VALID.replace("amount: 200 min", "amount: 100 sms")));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .contains("allowance 'minutes' counts sms but VOICE usage is counted in seconds"));
    }

    @Test
    void shouldRefuseBrokenYamlDuplicateKeysAndAmbiguousGigabytes() throws Exception {
        assertThat(problems(write("a.yaml", "plan: [unclosed\n"))).anySatisfy(p -> assertThat(p.message()).startsWith("not valid YAML"));
        assertThat(problems(write("b.yaml", VALID.replace("name: Demo", "name: Demo\nname: Again"))))
                .anySatisfy(p -> assertThat(p.message()).contains("appears twice"));
        assertThat(problems(write("c.yaml", VALID.replace("amount: 200 min", "amount: 30 GB"))))
                .anySatisfy(p -> assertThat(p.message()).contains("GB and MB are ambiguous"));
        assertThat(problems(write("d.yaml", VALID.replace("price: 18", "price: 18,5"))))
                .anySatisfy(p -> assertThat(p.message()).contains("expected a decimal such as 18 or 3.50").contains("price"));
    }

    @Test
    void shouldNameARequiredKeyLeftEmptyAndAnUnknownAllowanceStart() throws Exception {
        // found by HostileInputPropertiesTest: an empty 'plan:' once loaded nothing and said nothing,
        // and an unknown 'starts' crashed the loader instead of naming the line
        assertThat(problems(write("empty.yaml", VALID.replace("plan: demo", "plan:"))))
                .anySatisfy(p -> assertThat(p.line()).isEqualTo(1))
                .anySatisfy(p -> assertThat(p.message()).isEqualTo("'plan' has no value"));
        assertThat(problems(write("starts.yaml", VALID.replace("amount: 200 min", "amount: 200 min\n        starts: tomorrow"))))
                .anySatisfy(p -> assertThat(p.message()).contains("unknown starts 'tomorrow'"));
    }

    @Test
    void shouldHoldEveryCodeToTheOneIdSyntax() throws Exception {
        // codes land in invoice lines (CODE VARCHAR(64)) and in CSVs a person opens: none starts a formula
        String hostile = VALID.replace("plan: demo", "plan: " + "d".repeat(65))
                .replace("      - id: minute\n", "      - id: \"=1+1\"\n")
                .replace("      - id: minutes", "      - id: \"@SUM(1)\"")
                .replace("      - charge: VOICE", "      - charge: " + "V".repeat(65));
        List<TariffProblem> problems = problems(write("hostile.yaml", hostile));
        String rule = " is not an id: 1 to 64 of the letters A-Z a-z, digits and . _ - (not starting with . or -)";
        assertThat(problems).extracting(p -> p.line() + ": " + p.message())
                .contains("1: plan id '" + "d".repeat(65) + "' must be 1 to 64 lower-case letters, digits and '-'",
                        "13: 'id' '=1+1'" + rule,
                        "17: 'id' '@SUM(1)'" + rule,
                        "20: 'charge' '" + "V".repeat(65) + "'" + rule);
    }

    @Test
    void shouldNameTheLineOfBytesThatAreNotTextAndOfNestingNoPlanHas() throws Exception {
        // each once reported as "file:0: cannot read:" with the JDK's or SnakeYAML's own words
        byte[] notUtf8 = VALID.replace("name: Demo", "name: Demo?").getBytes(StandardCharsets.UTF_8);
        notUtf8[VALID.indexOf("name: Demo") + "name: Demo".length()] = (byte) 0xFF;
        assertThat(problems(writeBytes("latin1.yaml", notUtf8))).extracting(p -> p.line() + ": " + p.message())
                .containsExactly("2: not UTF-8 text: byte 0xFF on this line; save the file as UTF-8");
        assertThat(problems(write("nul.yaml", VALID.replace("currency: KZT", "currency: KZT\u0000"))))
                .extracting(p -> p.line() + ": " + p.message())
                .containsExactly("3: holds the control character U+0000, which no tariff or reference value has; remove it");
        assertThat(problems(write("c1.yaml", VALID.replace("name: Demo", "name: Demo\u0090"))))
                .extracting(p -> p.line() + ": " + p.message())
                .containsExactly("2: holds the character U+0090, which YAML does not allow; remove it");
        String deep = VALID + "extra: " + "[".repeat(60) + "]".repeat(60) + "\n";
        assertThat(problems(write("deep.yaml", deep))).extracting(p -> p.line() + ": " + p.message())
                .containsExactly("26: nested deeper than 50 levels; a plan needs at most 8: is a bracket or indentation out of place?");
    }

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void shouldRefuseADateNoInstantCanHold() throws Exception {
        // found in the final review: +999999999-12-31 parses, and its instant in milliseconds overflowed out of the loader
        String far = VALID + "  - valid-from: +999999999-12-31\n    rates: []\n";
        assertThat(problems(write("far.yaml", far))).anySatisfy(p -> assertThat(p.message())
                .isEqualTo("'valid-from' must be a date YYYY-MM-DD from 1900 to 9999, got '+999999999-12-31'"));
    }

    @Test
    void shouldRefuseOverlappingVersions() throws Exception {
        String twoVersions = VALID + "  - valid-from: 2024-06-01\n    rates: []\n";
        assertThat(problems(write("overlap.yaml", twoVersions)))
                .anySatisfy(p -> assertThat(p.message()).contains("overlap"));
    }

    @Test
    void shouldRefuseADirectoryWithTwoPlansOfTheSameIdAndLoadNothing() throws Exception {
        write("one.yaml", VALID);
        write("two.yaml", VALID);
        assertThatThrownBy(() -> loader.loadDirectory(dir)).isInstanceOf(TariffValidationException.class)
                .hasMessageContaining("plan id 'demo' is already used by");
    }

    private List<TariffProblem> problems(Path file) {
        try {
            loader.loadFile(file);
        } catch (TariffValidationException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + file + " to be refused");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** The seller's ids print on every document it issues: issue #21 checks them as a customer's are checked. */
    @Test
    void shouldCheckTheSellersIdsAndNameTheLineOfEachProblem() throws Exception {
        String seller = "seller:\n  name: ТОО «Образец»\n  tax-id: \"990140000010\"\n  kpp: \"770001001\"\n"
                + "  bank-bic: HSBKKZKX\n  bank-account: KZ86125KZT5004100101\n  kbe: \"31\"\n  head: Ахметов А. А.\n";
        List<TariffProblem> problems = problems(write("seller.yaml", VALID.replace("destinations:", seller + "destinations:")));
        // 990140000017 is the valid БИН (9·1 + 9·2 + 1·4 + 4·5 + 1·11 = 62, mod 11 = 7); the IBAN registry's
        // KZ86125KZT5004100100 ends in 0; a Kazakh seller has no КПП; Кбе starts with 1 or 2
        assertThat(problems).extracting(p -> p.line() + " " + p.message()).containsExactlyInAnyOrder(
                "8 seller tax-id: the check digit of БИН/ИИН 990140000010 is wrong (it would be 7): a digit is mistyped",
                "9 seller kpp: a КПП is Russian; a party taxed in Kazakhstan has none (leave it empty)",
                "11 seller bank-account: the check digits of ИИК KZ86125KZT5004100101 are wrong (ISO 13616): a character is mistyped",
                "12 seller kbe: Кбе is two digits: 1 (resident) or 2 (non-resident), then the sector 1 to 9 (as 17)");
        String valid = "seller:\n  name: ТОО «Образец»\n  tax-id: \"990140000017\"\n  bank-bic: HSBKKZKX\n"
                + "  bank-account: KZ86125KZT5004100100\n  kbe: \"17\"\n  head: Ахметов А. А.\n  chief-accountant: Серикова Г. Б.\n";
        TariffPlan plan = loader.loadFile(write("valid.yaml", VALID.replace("destinations:", valid + "destinations:")));
        assertThat(plan.seller().requisites().bankAccount()).isEqualTo("KZ86125KZT5004100100");
        assertThat(plan.seller().chiefAccountant()).isEqualTo("Серикова Г. Б.");
    }
}
