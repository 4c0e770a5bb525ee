package dev.ratel.bench;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.money.Currency;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.close.Invoice;
import dev.ratel.jobs.documents.InvoicePdf;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
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
 * One invoice PDF rendered into memory, as the close renders one per account (the buyer with its customers.csv
 * details and the seller's bank block): Keńse 15's package,
 * an extra number and two usage lines past the allowances, with the total in words and DejaVu Sans
 * embedded (its subset cut once per process, as in a close).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class InvoicePdfBenchmark {
    @Param({"samples/tariffs"})
    String tariffs;

    private Invoice invoice;
    private Account buyer;
    private TariffPlan plan;
    private dev.ratel.core.account.CustomerDetails details;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);

    @Setup
    public void setUp() throws Exception {
        plan = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of(tariffs)).get("kense-15");
        buyer = new Account("K1", "ТОО «Степной ветер»", "971240001315", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2023, 1, 1));
        details = new dev.ratel.core.account.CustomerDetails("K1", new dev.ratel.core.account.Requisites("г. Алматы, пр. Абая, 1", "",
                "АО «Kaspi Bank»", "CASPKZKA", "", "KZ86125KZT5004100100", "17", "", "buh@example.kz"), "Д-15/24", LocalDate.of(2024, 1, 10),
                "Директор", "Сейтов Б. К.");
        // the hand-worked May of CloseMonthTest: 34 990 + 3 000 + 18 + 18 = 38 026.00 KZT with 12 % VAT inside
        invoice = new Invoice("KZB-2024-000001", "K1", "2024-05", "kense-15", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30),
                Currency.KZT, List.of(
                        new Invoice.Line(1, "PACKAGE", "Пакет Keńse 15", "1", "мес", 349_900_000L, 1200, new LineAmounts(3_124_107, 374_893, 3_499_000)),
                        new Invoice.Line(2, "EXTRA_NUMBER", "Дополнительный номер", "1", "номер", 30_000_000L, 1200, new LineAmounts(267_857, 32_143, 300_000)),
                        new Invoice.Line(3, "USAGE-VOICE_KZ_OFFNET", "Звонки на номера других операторов и городские номера РК — сверх пакета", "1", "мин", 180_000L, 1200,
                                new LineAmounts(1_607, 193, 1_800)),
                        new Invoice.Line(4, "USAGE-SMS_KZ", "SMS на мобильные номера РК — сверх пакета", "1", "шт", 180_000L, 1200,
                                new LineAmounts(1_607, 193, 1_800))),
                Set.of());
    }

    @Benchmark
    public int render() throws Exception {
        out.reset();
        InvoicePdf.write(invoice, buyer, details, plan, out);
        return out.size();
    }

    /** The same invoice as the УПД in the ФНС's XML (written for plans taxed in Russia beside the PDF). */
    @Benchmark
    public int upd() throws Exception {
        out.reset();
        dev.ratel.jobs.documents.UpdXml.write(invoice, buyer, details, plan, out);
        return out.size();
    }
}
