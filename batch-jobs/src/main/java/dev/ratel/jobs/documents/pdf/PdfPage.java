package dev.ratel.jobs.documents.pdf;

/**
 * One page's content stream: text, lines and filled rectangles at absolute positions in points, the origin at the
 * bottom left (PDF's own coordinates). Lines are 0.5 pt black; fills are grey.
 */
public final class PdfPage {
    private final PdfDocument document;
    private final PdfDocument.Bytes content = new PdfDocument.Bytes(4096);

    PdfPage(PdfDocument document) {
        this.document = document;
        content.ascii("0.5 w\n");
    }

    /** {@code text} in {@code font} at {@code size} points, its baseline starting at ({@code x}, {@code y}). */
    public PdfPage text(EmbeddedFont font, float size, float x, float y, CharSequence text) {
        PdfDocument.FontUse use = document.use(font);
        content.ascii("BT ").ascii(use.name).ascii(" ").decimal(size).ascii(" Tf ").decimal(x).ascii(" ").decimal(y).ascii(" Td <");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                continue; // a character outside the BMP shows as one missing glyph, as it was measured
            }
            content.hex4(use.glyph(c));
        }
        content.ascii("> Tj ET\n");
        return this;
    }

    public PdfPage line(float x1, float y1, float x2, float y2) {
        content.decimal(x1).ascii(" ").decimal(y1).ascii(" m ").decimal(x2).ascii(" ").decimal(y2).ascii(" l S\n");
        return this;
    }

    /** A rectangle's outline; ({@code x}, {@code y}) is its bottom left corner. */
    public PdfPage box(float x, float y, float width, float height) {
        content.decimal(x).ascii(" ").decimal(y).ascii(" ").decimal(width).ascii(" ").decimal(height).ascii(" re S\n");
        return this;
    }

    /** A rectangle filled in {@code gray} (0 black, 1 white). */
    public PdfPage fill(float x, float y, float width, float height, float gray) {
        content.decimal(gray).ascii(" g ").decimal(x).ascii(" ").decimal(y).ascii(" ").decimal(width).ascii(" ").decimal(height)
                .ascii(" re f 0 g\n");
        return this;
    }

    PdfDocument.Bytes content() {
        return content;
    }
}
