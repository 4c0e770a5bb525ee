package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.documents.Act;
import dev.ratel.jobs.documents.ActPdf;
import dev.ratel.jobs.documents.ActXlsx;
import dev.ratel.jobs.documents.AtomicFile;
import dev.ratel.jobs.documents.InvoicePdf;
import dev.ratel.jobs.documents.UpdXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Renders and publishes a chunk of accounts' documents: the invoice PDF ({@code invoices/ACCOUNT.pdf}), the act of
 * completed work with Appendix No. 1 ({@code acts/ACCOUNT.pdf}), for plans taxed in Russia the УПД in the ФНС's XML
 * ({@code upd/ACCOUNT.xml}) and, on request, the act as a workbook
 * ({@code acts/ACCOUNT.xlsx}). Each file is published whole by rename, so a kill leaves either the old file or the new
 * one; the partitions of a step share one writer, each chunk on its partition's thread.
 */
final class DocumentWriter implements ItemWriter<Invoice> {
    private final Path directory;
    private final ReferenceData reference;
    private final Map<String, TariffPlan> plans;
    private final Supplier<PeriodUsage> usage;
    private final Supplier<Map<String, List<AllowanceExpiry.Expired>>> expired;
    private final DocumentKinds kinds;
    private final AtomicLong written = new AtomicLong();
    private final LongConsumer progress;

    DocumentWriter(Path directory, ReferenceData reference, Map<String, TariffPlan> plans, Supplier<PeriodUsage> usage,
                   Supplier<Map<String, List<AllowanceExpiry.Expired>>> expired, DocumentKinds kinds, LongConsumer progress) {
        this.directory = directory;
        this.reference = reference;
        this.plans = plans;
        this.usage = usage;
        this.expired = expired;
        this.kinds = kinds;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends Invoice> chunk) throws IOException {
        // made here, not when the job is built: a close refused before its first step leaves no directory behind
        if (kinds.invoicePdf()) {
            Files.createDirectories(directory.resolve("invoices"));
        }
        if (kinds.actPdf() || kinds.actXlsx()) {
            Files.createDirectories(directory.resolve("acts"));
        }
        boolean upd = false;
        for (Invoice invoice : chunk) {
            String account = invoice.accountId();
            String name = PeriodOutputs.safeFileName(account);
            TariffPlan plan = plans.get(invoice.planId());
            if (kinds.invoicePdf()) {
                AtomicFile.write(directory.resolve("invoices").resolve(name + ".pdf"),
                        out -> InvoicePdf.write(invoice, reference.account(account), reference.customer(account), plan, out));
                if ("RU".equals(plan.taxJurisdiction())) {
                    // Russia's VAT payers exchange the invoice and the act as one УПД in the ФНС's XML
                    if (!upd) {
                        Files.createDirectories(directory.resolve("upd"));
                        upd = true;
                    }
                    AtomicFile.write(directory.resolve("upd").resolve(name + ".xml"),
                            out -> UpdXml.write(invoice, reference.account(account), reference.customer(account), plan, out));
                }
            }
            if (kinds.actPdf() || kinds.actXlsx()) {
                Act act = Act.of(invoice, reference.account(account), plan, reference.numbers(account), usage.get().numbers(account),
                        expired.get().getOrDefault(account, List.of())).withDetails(reference.customer(account));
                if (kinds.actPdf()) {
                    AtomicFile.write(directory.resolve("acts").resolve(name + ".pdf"), out -> ActPdf.write(act, out));
                }
                if (kinds.actXlsx()) {
                    AtomicFile.write(directory.resolve("acts").resolve(name + ".xlsx"), out -> ActXlsx.write(act, out));
                }
            }
        }
        progress.accept(written.addAndGet(chunk.size()));
    }
}
