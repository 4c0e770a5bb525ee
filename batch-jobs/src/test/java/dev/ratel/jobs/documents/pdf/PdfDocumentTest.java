package dev.ratel.jobs.documents.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.jobs.documents.DocumentFonts;
import dev.ratel.jobs.documents.pdf.PageFlow.Align;
import dev.ratel.jobs.documents.pdf.PageFlow.Cell;
import dev.ratel.jobs.documents.pdf.PageFlow.Span;
import dev.ratel.jobs.documents.pdf.PageFlow.Style;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * The PDF writer of month-end documents, read back by PDFBox (an independent reader and renderer): the file's
 * structure byte for byte where it is fixed, the text as a reader extracts it, positions as laid out, and the embedded
 * font cut as FontBox parses it.
 */
class PdfDocumentTest {
    private static final EmbeddedFont SANS = DocumentFonts.sans();
    private static final EmbeddedFont BOLD = DocumentFonts.sansBold();

    private static byte[] render(PdfDocument document) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] sample() throws Exception {
        PdfDocument document = new PdfDocument(842, 595, "Счёт № 1", SANS, BOLD);
        PageFlow flow = new PageFlow(document, 36);
        flow.paragraph(Align.CENTER, new Span(new Style(BOLD, 14), "Счёт № 1 от 31.05.2024"));
        flow.paragraph(Align.LEFT, new Span(new Style(BOLD, 10), "Покупатель: "), new Span(new Style(SANS, 10), "ТОО «Алатау Қызмет», 38 026,00 ₸"));
        return render(document);
    }

    /** The file's layout drawn in {@link PdfDocument}: header, objects in number order, an xref whose offsets point at them. */
    @Test
    void shouldWriteTheFileLayoutItsClassDraws() throws Exception {
        byte[] pdf = sample();
        String file = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(file).startsWith("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                + "2 0 obj\n<< /Type /Pages /Kids [14 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Title <FEFF04210447045104420020211600200031>"
                + " /Creator (Ratel) /Producer (Ratel) >>\nendobj\n4 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /RATELA+DejaVuSans"
                + " /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 8 0 R >>\nendobj\n");
        assertThat(file).endsWith("%%EOF\n");
        // 2 fonts of 5 objects after catalog, pages and info, then one page and its content: objects 1 to 15 and the free 0
        Matcher xref = Pattern.compile("xref\n0 (\\d+)\n0000000000 65535 f \n((?:\\d{10} 00000 n \n)+)trailer\n<< /Size (\\d+) /Root 1 0 R "
                + "/Info 3 0 R >>\nstartxref\n(\\d+)\n%%EOF\n$").matcher(file);
        assertThat(xref.find()).isTrue();
        assertThat(xref.group(1)).isEqualTo("16").isEqualTo(xref.group(3));
        assertThat(Integer.parseInt(xref.group(4))).isEqualTo(file.lastIndexOf("\nxref\n") + 1);
        String[] entries = xref.group(2).split("\n");
        assertThat(entries).hasSize(15);
        for (int object = 1; object <= 15; object++) {
            int offset = Integer.parseInt(entries[object - 1].substring(0, 10));
            assertThat(file.substring(offset)).as("object %d at %d", object, offset).startsWith(object + " 0 obj\n");
        }
        assertThat(sample()).as("the same document renders the same bytes").isEqualTo(pdf);
    }

    @Test
    void shouldReadBackTheTextInCyrillicKazakhAndTheTengeSign() throws Exception {
        try (PDDocument document = Loader.loadPDF(sample())) {
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Счёт № 1");
            String text = new PDFTextStripper().getText(document);
            assertThat(text).isEqualTo("Счёт № 1 от 31.05.2024\nПокупатель: ТОО «Алатау Қызмет», 38 026,00 ₸\n");
            // and it draws: PDFBox renders the embedded glyphs (a broken font program renders nothing or throws)
            java.awt.image.BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 72);
            int dark = 0;
            for (int y = 30; y < 80; y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    dark += (page.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
                }
            }
            assertThat(dark).as("dark pixels of the first two lines").isGreaterThan(500);
        }
    }

    /** Characters outside the repertoire (ń of «Keńse», Ĳ) are appended to the document's cut; others show as missing. */
    @Test
    void shouldEmbedCharactersOutsideTheRepertoireAsTheDocumentShowsThem() throws Exception {
        PdfDocument document = new PdfDocument(595, 842, "Keńse", SANS, BOLD);
        PageFlow flow = new PageFlow(document, 36);
        flow.paragraph(Align.LEFT, new Span(new Style(SANS, 10), "Пакет Keńse 15 Ĳ Ń 中"));
        byte[] pdf = render(document);
        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(read)).startsWith("Пакет Keńse 15 Ĳ Ń");
            PDType0Font font = (PDType0Font) read.getPage(0).getResources().getFont(COSName.getPDFName("F1"));
            assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSans").isNotEqualTo("RATELA+DejaVuSans");
            // parsed as an embedded font program: PDF 32000-1 9.9 asks for glyf, head, hhea, hmtx, loca and maxp, not a standalone font's name or cmap
            try (TrueTypeFont program = new TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(
                    font.getDescendantFont().getFontDescriptor().getFontFile2().toByteArray()))) {
                int repertoire = SANS.repertoire().glyphCount;
                // ń and Ń are composites (n, N and the acute); Ĳ is a glyph of its own: they follow the repertoire
                assertThat(program.getNumberOfGlyphs()).isGreaterThan(repertoire).isLessThan(repertoire + 6);
                // widths in the cut are the original font's, glyph by glyph, and /W says the same in thousandths
                try (TrueTypeFont original = new TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(
                        getClass().getClassLoader().getResourceAsStream("net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf")))) {
                    for (char c : "nЁқ₸".toCharArray()) {
                        int width = original.getHorizontalMetrics().getAdvanceWidth(original.getUnicodeCmapLookup().getGlyphId(c));
                        int gid = SANS.repertoireGlyph(c);
                        assertThat(program.getHorizontalMetrics().getAdvanceWidth(gid)).as("width of %s", c).isEqualTo(width);
                        assertThat(font.getDescendantFont().getWidth(gid)).isEqualTo(Math.round(width * 1000f / 2048));
                    }
                }
                assertThat(program.getHeader().getIndexToLocFormat()).isEqualTo((short) 1);
                for (int gid = 0; gid < program.getNumberOfGlyphs(); gid++) {
                    // every glyph parses, composites' components included (their ids were renumbered into the cut)
                    program.getGlyph().getGlyph(gid);
                }
            }
        }
        // the cut for the same extras is made once and shared
        PdfDocument again = new PdfDocument(595, 842, "Keńse", SANS, BOLD);
        new PageFlow(again, 36).paragraph(Align.LEFT, new Span(new Style(SANS, 10), "Пакет Keńse 15 Ĳ Ń 中"));
        assertThat(again.use(SANS).cut()).isSameAs(document.use(SANS).cut());
    }

    /** Right-aligned cell text ends at the cell's padding; a word wider than the column breaks inside the cell. */
    @Test
    void shouldAlignAndWrapInsideTableCells() throws Exception {
        PdfDocument document = new PdfDocument(842, 595, "table", SANS, BOLD);
        PageFlow flow = new PageFlow(document, 36);
        Style small = new Style(SANS, 8);
        // columns of 770 points split 1:1: the left one is 36 … 421, the right one 421 … 806
        flow.table(1, 1).row(Cell.of("слева", small, Align.LEFT), Cell.of("38026.00", small, Align.RIGHT));
        flow.table(1, 30).row(Cell.of("Длинноесловобезпробелов", small, Align.LEFT), Cell.of("x", small, Align.LEFT));
        List<TextPosition> glyphs = positions(render(document));
        TextPosition lastDigit = glyphs.stream().filter(p -> p.getUnicode().equals("0")).reduce((a, b) -> b).orElseThrow();
        // the text ends 2.5 points (the padding) before the right edge at 806
        assertThat(lastDigit.getXDirAdj() + lastDigit.getWidthDirAdj()).isCloseTo(806 - 2.5f, org.assertj.core.data.Offset.offset(0.05f));
        TextPosition first = glyphs.stream().filter(p -> p.getUnicode().equals("с")).findFirst().orElseThrow();
        assertThat(first.getXDirAdj()).isCloseTo(36 + 2.5f, org.assertj.core.data.Offset.offset(0.05f));
        // 770 / 31 = 24.8 points wide, 19.8 inside the padding: the long word takes several lines in its cell
        long lines = glyphs.stream().filter(p -> "Длинноесловобезпробелов".contains(p.getUnicode()))
                .map(p -> Math.round(p.getYDirAdj())).distinct().count();
        assertThat(lines).isGreaterThan(3);
    }

    /** A table longer than a page goes on to the next under its heading again. */
    @Test
    void shouldRepeatATablesHeadingOnEveryPageItRunsOnto() throws Exception {
        PdfDocument document = new PdfDocument(595, 842, "long", SANS, BOLD);
        PageFlow flow = new PageFlow(document, 36);
        Style small = new Style(SANS, 8);
        PageFlow.Table table = flow.table(1, 3);
        table.heading(Cell.of("Номер", new Style(BOLD, 8), Align.CENTER).shaded(), Cell.of("Сумма", new Style(BOLD, 8), Align.CENTER).shaded());
        for (int i = 1; i <= 120; i++) {
            table.row(Cell.of(Integer.toString(i), small, Align.LEFT), Cell.of(i + ".00", small, Align.RIGHT));
        }
        try (PDDocument read = Loader.loadPDF(render(document))) {
            // each row is 8 * 1.2 + 5 = 14.6 points; 770 points of a portrait page take 52 rows with the heading
            assertThat(read.getNumberOfPages()).isEqualTo(3);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= 3; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(stripper.getText(read)).startsWith("Номер Сумма\n");
            }
            stripper.setStartPage(1);
            stripper.setEndPage(3);
            String all = stripper.getText(read);
            assertThat(all).contains("1 1.00\n").contains("120 120.00\n");
        }
    }

    /**
     * A row taller than a page goes on over the pages it needs, under the heading, and keeps all of its text; control
     * characters print as spaces, and a character the font lacks is drawn as wide as it was measured (found by review:
     * /W did not give glyph 0's width, so viewers drew it 1 000 wide and right-aligned text ran past its cell).
     */
    @Test
    void shouldCarryARowTallerThanAPageOverToTheNextAndMeasureMissingGlyphsAsDrawn() throws Exception {
        PdfDocument document = new PdfDocument(595, 842, "tall", SANS, BOLD);
        PageFlow flow = new PageFlow(document, 36);
        Style small = new Style(SANS, 8);
        StringBuilder words = new StringBuilder();
        for (int i = 1; i <= 600; i++) {
            words.append("слово").append(i).append(' ');
        }
        PageFlow.Table table = flow.table(1, 1);
        table.heading(Cell.of("Номер", new Style(BOLD, 8), Align.CENTER), Cell.of("Текст", new Style(BOLD, 8), Align.CENTER));
        table.row(Cell.of("77010000001", small, Align.LEFT), Cell.of(words.toString(), small, Align.LEFT));
        flow.table(1, 1).row(Cell.of("a\tb\nc", small, Align.LEFT), Cell.of("1\u22122", small, Align.RIGHT));
        byte[] pdf = render(document);
        try (PDDocument read = Loader.loadPDF(pdf)) {
            assertThat(read.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains("слово1 ").contains("слово600").contains("a b c");
            PDFTextStripper second = new PDFTextStripper();
            second.setStartPage(2);
            second.setEndPage(2);
            assertThat(second.getText(read)).startsWith("Номер Текст\n");
        }
        List<TextPosition> glyphs = positions(pdf);
        TextPosition two = glyphs.stream().filter(p -> p.getUnicode().equals("2")).reduce((a, b) -> b).orElseThrow();
        assertThat(two.getXDirAdj() + two.getWidthDirAdj()).isCloseTo(559 - 2.5f, org.assertj.core.data.Offset.offset(0.05f));
    }

    private static List<TextPosition> positions(byte[] pdf) throws Exception {
        List<TextPosition> positions = new ArrayList<>();
        try (PDDocument read = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> textPositions) {
                    positions.addAll(textPositions);
                }
            };
            stripper.getText(read);
        }
        return positions;
    }
}
