package dev.ratel.jobs.close;

/**
 * Which documents are rendered per account: the invoice PDF, the act of completed work (with Appendix No. 1) as PDF,
 * and the act as a workbook. A month end renders both PDFs; an act's workbook is on request (a million per-account
 * workbooks were most of the month end's time and disk, and finance works from the period's register).
 */
public record DocumentKinds(boolean invoicePdf, boolean actPdf, boolean actXlsx) {
    /** What a month end renders unless asked otherwise. */
    public static final DocumentKinds MONTH_END = new DocumentKinds(true, true, false);

    /** The month end's documents, with the acts' workbooks when {@code actXlsx}. */
    public static DocumentKinds monthEnd(boolean actXlsx) {
        return new DocumentKinds(true, true, actXlsx);
    }
}
