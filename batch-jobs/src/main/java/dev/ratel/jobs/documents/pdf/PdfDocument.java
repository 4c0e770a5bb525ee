package dev.ratel.jobs.documents.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * One PDF file of pages drawn with {@link PdfPage}: the writer month-end documents are rendered with, a million of them
 * in a close. Every byte of the file is written here; the fonts come prepared ({@link EmbeddedFont}), so a document
 * costs its content streams and a copy.
 *
 * <p>The file (PDF 1.4, PDF 32000-1 section 7.5), objects numbered so that nothing refers forward to an unknown number:
 * <pre>
 *   %PDF-1.4 and a comment of four bytes above 127 (the file is binary)
 *   1 0 obj  Catalog            /Pages 2 0 R
 *   2 0 obj  Pages              /Kids [the page objects] /Count pages
 *   3 0 obj  Info               /Title (UTF-16BE) /Creator /Producer; no dates: the same document renders the same bytes
 *   per font k = 0, 1, … (objects 4 + 5k … 8 + 5k):
 *            Type0 /Identity-H, its CIDFontType2 with /W and /CIDToGIDMap /Identity, FontDescriptor,
 *            FontFile2 (the cut, deflated), ToUnicode (deflated)
 *   per page i (objects P + 2i, P + 2i + 1 with P = 4 + 5 fonts):
 *            Page /MediaBox /Resources /Font /F1 … /Contents, and its content stream (deflated, fastest level)
 *   xref (one 20-byte line per object), trailer /Size /Root 1 0 R /Info 3 0 R, startxref, %%EOF
 * </pre>
 * Text is shown as two-byte glyph ids of the font's cut; the ToUnicode map makes it searchable and copyable.
 */
public final class PdfDocument {
    private final float width;
    private final float height;
    private final String title;
    private final List<FontUse> fonts = new ArrayList<>();
    private final List<PdfPage> pages = new ArrayList<>();

    /** A document of pages {@code width} by {@code height} points, with the fonts it may show text in. */
    public PdfDocument(float width, float height, String title, EmbeddedFont... fonts) {
        this.width = width;
        this.height = height;
        this.title = title;
        for (int i = 0; i < fonts.length; i++) {
            this.fonts.add(new FontUse(fonts[i], "/F" + (i + 1)));
        }
    }

    public float width() {
        return width;
    }

    public float height() {
        return height;
    }

    /** The per-document state of {@code font}, which must be one the document was made with. */
    FontUse use(EmbeddedFont font) {
        for (FontUse use : fonts) {
            if (use.font == font) {
                return use;
            }
        }
        throw new IllegalArgumentException("the document was not made with font " + font);
    }

    /** A new page at the end. */
    public PdfPage newPage() {
        PdfPage page = new PdfPage(this);
        pages.add(page);
        return page;
    }

    public int pageCount() {
        return pages.size();
    }

    /** Writes the whole file to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        if (pages.isEmpty()) {
            newPage();
        }
        int firstPage = 4 + 5 * fonts.size();
        int objects = firstPage + 2 * pages.size();
        int[] offsets = new int[objects];
        Bytes file = new Bytes(16 * 1024 + 24 * 1024 * fonts.size());
        file.ascii("%PDF-1.4\n%").raw(new byte[] {(byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3}).ascii("\n");
        offsets[1] = file.size();
        file.ascii("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        offsets[2] = file.size();
        file.ascii("2 0 obj\n<< /Type /Pages /Kids [");
        for (int i = 0; i < pages.size(); i++) {
            file.ascii(i == 0 ? "" : " ").integer(firstPage + 2 * i).ascii(" 0 R");
        }
        file.ascii("] /Count ").integer(pages.size()).ascii(" >>\nendobj\n");
        offsets[3] = file.size();
        file.ascii("3 0 obj\n<< /Title ").utf16(title).ascii(" /Creator (Ratel) /Producer (Ratel) >>\nendobj\n");
        StringBuilder fontResources = new StringBuilder("<< ");
        for (int k = 0; k < fonts.size(); k++) {
            int first = 4 + 5 * k;
            writeFont(file, offsets, first, fonts.get(k).cut());
            fontResources.append(fonts.get(k).name).append(' ').append(first).append(" 0 R ");
        }
        fontResources.append(">>");
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            for (int i = 0; i < pages.size(); i++) {
                int page = firstPage + 2 * i;
                offsets[page] = file.size();
                file.integer(page).ascii(" 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ").decimal(width).ascii(" ").decimal(height)
                        .ascii("] /Resources << /Font ").ascii(fontResources).ascii(" >> /Contents ").integer(page + 1).ascii(" 0 R >>\nendobj\n");
                offsets[page + 1] = file.size();
                byte[] content = pages.get(i).content().deflated(deflater);
                deflater.reset();
                file.integer(page + 1).ascii(" 0 obj\n<< /Length ").integer(content.length).ascii(" /Filter /FlateDecode >>\nstream\n")
                        .raw(content).ascii("\nendstream\nendobj\n");
            }
        } finally {
            deflater.end();
        }
        int xref = file.size();
        file.ascii("xref\n0 ").integer(objects).ascii("\n0000000000 65535 f \n");
        for (int i = 1; i < objects; i++) {
            file.padded(offsets[i], 10).ascii(" 00000 n \n");
        }
        file.ascii("trailer\n<< /Size ").integer(objects).ascii(" /Root 1 0 R /Info 3 0 R >>\nstartxref\n").integer(xref).ascii("\n%%EOF\n");
        file.writeTo(out);
    }

    private static void writeFont(Bytes file, int[] offsets, int first, EmbeddedFont.Cut cut) {
        offsets[first] = file.size();
        file.integer(first).ascii(" 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /").ascii(cut.baseFontName)
                .ascii(" /Encoding /Identity-H /DescendantFonts [").integer(first + 1).ascii(" 0 R] /ToUnicode ").integer(first + 4)
                .ascii(" 0 R >>\nendobj\n");
        offsets[first + 1] = file.size();
        file.integer(first + 1).ascii(" 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /").ascii(cut.baseFontName)
                .ascii(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ").integer(first + 2)
                .ascii(" 0 R /DW 1000 /W ").ascii(cut.widths).ascii(" /CIDToGIDMap /Identity >>\nendobj\n");
        offsets[first + 2] = file.size();
        file.integer(first + 2).ascii(" 0 obj\n").ascii(cut.descriptor()).ascii(" /FontFile2 ").integer(first + 3).ascii(" 0 R >>\nendobj\n");
        offsets[first + 3] = file.size();
        file.integer(first + 3).ascii(" 0 obj\n<< /Length ").integer(cut.program.length).ascii(" /Length1 ").integer(cut.programLength)
                .ascii(" /Filter /FlateDecode >>\nstream\n").raw(cut.program).ascii("\nendstream\nendobj\n");
        offsets[first + 4] = file.size();
        file.integer(first + 4).ascii(" 0 obj\n<< /Length ").integer(cut.toUnicode.length).ascii(" /Filter /FlateDecode >>\nstream\n")
                .raw(cut.toUnicode).ascii("\nendstream\nendobj\n");
    }

    /**
     * A font as one document uses it: the characters outside the font's repertoire get glyph ids in the order the
     * document first shows them, and the document embeds the cut with exactly those extras.
     */
    static final class FontUse {
        final EmbeddedFont font;
        final String name;
        private final EmbeddedFont.Cut repertoire;
        private int[] extras = new int[0];
        private int[] extraGlyphs = new int[0];
        private int nextGlyph;
        private java.util.Map<Integer, Integer> extraByOriginal;

        FontUse(EmbeddedFont font, String name) {
            this.font = font;
            this.name = name;
            this.repertoire = font.repertoire();
            this.nextGlyph = repertoire.glyphCount;
        }

        /** The glyph id {@code c} shows as in this document. */
        int glyph(char c) {
            int gid = font.repertoireGlyph(c);
            if (gid != 0) {
                return gid;
            }
            int original = font.originalGlyph(c);
            if (original == 0) {
                return 0;
            }
            for (int i = 0; i < extras.length; i++) {
                if (extras[i] == c) {
                    return extraGlyphs[i];
                }
            }
            // the same choice the cut makes: a glyph the repertoire already carries (as a component) keeps its id
            Integer known = repertoire.newGlyph.get(original);
            if (known == null && extraByOriginal != null) {
                known = extraByOriginal.get(original);
            }
            if (known == null) {
                known = nextGlyph++;
                if (extraByOriginal == null) {
                    extraByOriginal = new java.util.HashMap<>();
                }
                extraByOriginal.put(original, known);
            }
            extras = java.util.Arrays.copyOf(extras, extras.length + 1);
            extras[extras.length - 1] = c;
            extraGlyphs = java.util.Arrays.copyOf(extraGlyphs, extraGlyphs.length + 1);
            extraGlyphs[extraGlyphs.length - 1] = known;
            return known;
        }

        EmbeddedFont.Cut cut() {
            EmbeddedFont.Cut cut = font.withExtras(extras);
            for (int i = 0; i < extras.length; i++) {
                if (cut.glyphByCodePoint[extras[i]] != extraGlyphs[i]) {
                    throw new IllegalStateException("glyph of U+" + Integer.toHexString(extras[i]) + " is " + extraGlyphs[i]
                            + " in the page but " + cut.glyphByCodePoint[extras[i]] + " in the font");
                }
            }
            return cut;
        }
    }

    /** A growing byte array written in ASCII, for the file and for content streams. */
    static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        int size() {
            return size;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        Bytes ascii(CharSequence text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[size++] = (byte) text.charAt(i);
            }
            return this;
        }

        Bytes raw(byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
            return this;
        }

        Bytes integer(long value) {
            if (value < 0) {
                ascii("-");
                value = -value;
            }
            ensure(20);
            int start = size;
            do {
                bytes[size++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value != 0);
            for (int i = start, j = size - 1; i < j; i++, j--) {
                byte b = bytes[i];
                bytes[i] = bytes[j];
                bytes[j] = b;
            }
            return this;
        }

        /** A number with at most two decimals, as PDF operands are written. */
        Bytes decimal(float value) {
            long hundredths = Math.round(value * 100.0);
            if (hundredths < 0) {
                ascii("-");
                hundredths = -hundredths;
            }
            integer(hundredths / 100);
            long fraction = hundredths % 100;
            if (fraction != 0) {
                ensure(3);
                bytes[size++] = '.';
                bytes[size++] = (byte) ('0' + fraction / 10);
                if (fraction % 10 != 0) {
                    bytes[size++] = (byte) ('0' + fraction % 10);
                }
            }
            return this;
        }

        Bytes padded(long value, int digits) {
            ensure(digits);
            for (int i = digits - 1; i >= 0; i--) {
                bytes[size + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            size += digits;
            return this;
        }

        Bytes hex4(int value) {
            ensure(4);
            for (int shift = 12; shift >= 0; shift -= 4) {
                int digit = (value >>> shift) & 0xF;
                bytes[size++] = (byte) (digit < 10 ? '0' + digit : 'A' + digit - 10);
            }
            return this;
        }

        /** A text string in UTF-16BE with its byte-order mark, as a hex string. */
        Bytes utf16(String text) {
            ascii("<FEFF");
            for (int i = 0; i < text.length(); i++) {
                hex4(text.charAt(i));
            }
            return ascii(">");
        }

        byte[] deflated(Deflater deflater) {
            deflater.setInput(bytes, 0, size);
            deflater.finish();
            byte[] out = new byte[size / 2 + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return java.util.Arrays.copyOf(out, length);
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(bytes, 0, size);
        }

        @Override
        public String toString() {
            return new String(bytes, 0, size, StandardCharsets.ISO_8859_1);
        }
    }
}
