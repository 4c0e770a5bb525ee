package dev.ratel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.destination.RangeNotation;
import org.junit.jupiter.api.Test;

class ClassificationTest {
    @Test
    void shouldExpandTheSeedsRangeNotation() {
        // Seed 003: «783141-3» = 783141, 783142, 783143; «7846300-4» = 7846300 .. 7846304.
        assertThat(RangeNotation.expand("783141-3")).containsExactly("783141", "783142", "783143");
        assertThat(RangeNotation.expand("7846300-4")).containsExactly("7846300", "7846301", "7846302", "7846303", "7846304");
        assertThat(RangeNotation.expand("784636-9")).containsExactly("784636", "784637", "784638", "784639");
        assertThat(RangeNotation.expand("78432")).containsExactly("78432");
        assertThatThrownBy(() -> RangeNotation.expand("78439-1")).hasMessageContaining("runs backwards");
        assertThatThrownBy(() -> RangeNotation.expand("78-4321")).hasMessageContaining("longer than the prefix");
        assertThatThrownBy(() -> RangeNotation.expand("+7495")).hasMessageContaining("not a prefix of digits");
    }

    @Test
    void shouldClassifyKazakhMobileOperatorsByTheirCodes() {
        // Beeline 705, 706, 771, 776, 777; Kcell/activ 701, 702, 775, 778; Tele2/Altel 700, 707, 708, 747.
        DestinationClassifier classifier = DestinationClassifier.builder()
                .prefix("7705", "beeline").prefix("7706", "beeline").prefix("7771", "beeline").prefix("7776", "beeline")
                .prefix("7777", "beeline")
                .prefix("7701", "kcell").prefix("7702", "kcell").prefix("7775", "kcell").prefix("7778", "kcell")
                .prefix("7700", "tele2").prefix("7707", "tele2").prefix("7708", "tele2").prefix("7747", "tele2")
                .prefix("771", "kz-landline").prefix("772", "kz-landline")
                .defaultClass("international").build();
        assertThat(name(classifier, 77051234567L)).isEqualTo("beeline");
        assertThat(name(classifier, 77771234567L)).isEqualTo("beeline");
        assertThat(name(classifier, 77011234567L)).isEqualTo("kcell");
        assertThat(name(classifier, 77751234567L)).isEqualTo("kcell");
        assertThat(name(classifier, 77471234567L)).isEqualTo("tele2");
        // 7717 is Astana's area code: the longer 7771 does not apply, 771 does.
        assertThat(name(classifier, 77172123456L)).isEqualTo("kz-landline");
        assertThat(name(classifier, 79161234567L)).isEqualTo("international");
        assertThat(classifier.classify("77011234567")).isEqualTo(classifier.classId("kcell"));
        assertThat(classifier.classify("+77011234567")).isEqualTo(classifier.classId("international"));
    }

    @Test
    void shouldPreferTheLongestPrefix() {
        DestinationClassifier classifier = DestinationClassifier.builder()
                .prefix("7", "russia").prefix("7846", "samara-region").prefix("784630", "samara-city").build();
        assertThat(name(classifier, 78463051234L)).isEqualTo("samara-city");
        assertThat(name(classifier, 78469051234L)).isEqualTo("samara-region");
        assertThat(name(classifier, 74951234567L)).isEqualTo("russia");
        assertThat(classifier.classify(12125551234L)).isEqualTo(DestinationClassifier.NO_CLASS);
    }

    @Test
    void shouldClassifyRegisterRangesThatDoNotAlignWithDecimalPrefixes() {
        // The DEF register's «900;0;61999» and «900;62000;62999»: 79000000000..79000061999 and 79000062000..79000062999.
        DestinationClassifier classifier = DestinationClassifier.builder()
                .range(79000000000L, 79000061999L, "t2-krasnodar")
                .range(79000062000L, 79000062999L, "t2-rostov")
                .prefix("79", "ru-mobile").build();
        assertThat(name(classifier, 79000000000L)).isEqualTo("t2-krasnodar");
        assertThat(name(classifier, 79000061999L)).isEqualTo("t2-krasnodar");
        assertThat(name(classifier, 79000062000L)).isEqualTo("t2-rostov");
        assertThat(name(classifier, 79000062999L)).isEqualTo("t2-rostov");
        assertThat(name(classifier, 79000063000L)).isEqualTo("ru-mobile");
        // 0..61999 splits into 7900000 + 79000010..79000015 ... : six 10^4 blocks, one 10^3 ... at most a few dozen prefixes.
        assertThat(classifier.prefixCount()).isLessThan(40);
    }

    @Test
    void shouldRefuseAPrefixInTwoClasses() {
        assertThatThrownBy(() -> DestinationClassifier.builder().prefix("7701", "a").prefix("7701", "b"))
                .hasMessageContaining("prefix 7701 is in both 'a' and 'b'");
    }

    private static String name(DestinationClassifier classifier, long number) {
        return classifier.className(classifier.classify(number));
    }
}
