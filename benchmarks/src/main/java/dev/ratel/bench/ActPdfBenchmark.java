package dev.ratel.bench;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.Requisites;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.money.Currency;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.close.AllowanceExpiry;
import dev.ratel.jobs.close.Invoice;
import dev.ratel.jobs.close.PeriodUsage;
import dev.ratel.jobs.documents.Act;
import dev.ratel.jobs.documents.ActPdf;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One act of completed work (form Р-1) with its Appendix No. 1 rendered into memory, as the month end renders one per
 * account: a Keńse 15 account with seven numbers (the generated months' average), each with calls, SMS and data, two
 * of them with allowances that expired, and the invoice's four lines. Built once: the score is the act's assembly from
 * the invoice and usage ({@code Act.of}) and its PDF.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ActPdfBenchmark {
    @Param({"samples/tariffs"})
    String tariffs;

    private Invoice invoice;
    private Account customer;
    private CustomerDetails details;
    private TariffPlan plan;
    private final List<NumberHolding> holdings = new ArrayList<>();
    private final Map<String, PeriodUsage.NumberUsage> usage = new LinkedHashMap<>();
    private final List<AllowanceExpiry.Expired> expired = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);

    @Setup
    public void setUp() throws Exception {
        plan = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of(tariffs)).get("kense-15");
        customer = new Account("K1", "ТОО «Степной ветер»", "971240001315", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2023, 1, 1));
        details = new CustomerDetails("K1", new Requisites("г. Алматы, пр. Абая, 1", "", "АО «Kaspi Bank»", "CASPKZKA", "",
                "KZ86125KZT5004100100", "17", "", "buh@example.kz"), "Д-15/24", LocalDate.of(2024, 1, 10), "Директор", "Сейтов Б. К.");
        invoice = new Invoice("KZB-2024-000001", "K1", "2024-05", "kense-15", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30),
                Currency.KZT, List.of(
                        new Invoice.Line(1, "PACKAGE", "Абонентская плата Keńse 15 (до 15 номеров)", "1", "мес", 349_900_000L, 1200,
                                new LineAmounts(3_124_107, 374_893, 3_499_000)),
                        new Invoice.Line(2, "EXTRA_NUMBER", "Номер сверх 15 в тарифе", "1", "номер", 30_000_000L, 1200,
                                new LineAmounts(267_857, 32_143, 300_000)),
                        new Invoice.Line(3, "USAGE-VOICE_KZ_OFFNET", "Звонки на номера других операторов и городские номера РК — сверх пакета",
                                "12", "мин", 180_000L, 1200, new LineAmounts(19_286, 2_314, 21_600)),
                        new Invoice.Line(4, "USAGE-SMS_KZ", "SMS на мобильные номера РК — сверх пакета", "3", "шт", 180_000L, 1200,
                                new LineAmounts(4_821, 579, 5_400))),
                Set.of());
        for (int i = 0; i < 7; i++) {
            String number = "7705111000" + i;
            holdings.add(new NumberHolding(number, NumberKind.MOBILE, LocalDate.of(2024, 1, 1), null, List.of(), "K1", "S1", false));
            PeriodUsage.NumberUsage used = new PeriodUsage.NumberUsage("K1", number);
            used.voiceSeconds = 3_600L * (i + 1);
            used.voiceFromAllowances = 3_000L * (i + 1);
            used.sms = 20 + i;
            used.smsFromAllowances = 20;
            used.bytes = 1_073_741_824L * i;
            used.bytesFromAllowances = 1_073_741_824L * i;
            used.amountScaled = i < 2 ? 135_000L : 0;
            usage.put(number, used);
        }
        expired.add(new AllowanceExpiry.Expired("K1", "77051110000", "kz-offnet-minutes", "s", 12_000, 3_000, 9_000));
        expired.add(new AllowanceExpiry.Expired("K1", "77051110001", "internet", "B", 32_212_254_720L, 1_073_741_824L, 31_138_512_896L));
    }

    @Benchmark
    public int render() throws Exception {
        out.reset();
        Act act = Act.of(invoice, customer, plan, holdings, usage, expired).withDetails(details);
        ActPdf.write(act, out);
        return out.size();
    }
}
