package dev.ratel.jobs.documents;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import dev.ratel.jobs.documents.pdf.EmbeddedFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The DejaVu fonts every PDF embeds: they render Cyrillic, the Kazakh letters (Қ, Ә, Ң, Ө, Ү, Һ, І)
 * and the tenge sign ₸, which PDF's built-in Helvetica has none of. Documents are rendered on
 * several threads; each thread parses its own copy of the font, so none shares OpenPDF's state.
 *
 * <p>DejaVu has about 6 000 glyphs, and OpenPDF walks all of them for every document it subsets the
 * font into, which made that most of an invoice's rendering time. So the fonts are first cut, once
 * per process, to the characters documents print (Latin, Cyrillic with the Kazakh letters, digits,
 * punctuation, currency signs); OpenPDF then subsets that small font per document as before.
 */
public final class DocumentFonts {
    private static final String DIRECTORY = "net/sf/jasperreports/fonts/dejavu/";
    /** The fonts as OpenPDF embeds them, for the documents rendered on request (call detail, reconciliation). */
    private static final class ForOpenPdf {
        static final byte[] REGULAR = printable(read("DejaVuSans.ttf"));
        static final byte[] BOLD = printable(read("DejaVuSans-Bold.ttf"));
        static final ThreadLocal<BaseFont> REGULAR_FONT = ThreadLocal.withInitial(() -> parse("DejaVuSans.ttf", REGULAR));
        static final ThreadLocal<BaseFont> BOLD_FONT = ThreadLocal.withInitial(() -> parse("DejaVuSans-Bold.ttf", BOLD));
    }

    private DocumentFonts() {
    }

    /** DejaVu Sans as month-end documents embed it: prepared once, copied into each (see {@link EmbeddedFont}). */
    public static EmbeddedFont sans() {
        return Prepared.SANS;
    }

    /** DejaVu Sans Bold, prepared as {@link #sans()} is. */
    public static EmbeddedFont sansBold() {
        return Prepared.SANS_BOLD;
    }

    private static final class Prepared {
        static final EmbeddedFont SANS = EmbeddedFont.of(read("DejaVuSans.ttf"));
        static final EmbeddedFont SANS_BOLD = EmbeddedFont.of(read("DejaVuSans-Bold.ttf"));
    }

    public static Font regular(float size) {
        return new Font(ForOpenPdf.REGULAR_FONT.get(), size);
    }

    public static Font bold(float size) {
        return new Font(ForOpenPdf.BOLD_FONT.get(), size);
    }

    private static byte[] read(String file) {
        try (InputStream in = DocumentFonts.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + DIRECTORY + file + " is not on the class path (jasperreports-fonts)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Code points documents may print; anything else renders as the font's missing glyph. */
    static boolean printable(int codePoint) {
        return EmbeddedFont.printable(codePoint);
    }

    private static byte[] printable(byte[] font) {
        try {
            org.apache.fontbox.ttf.TrueTypeFont parsed = new org.apache.fontbox.ttf.TTFParser()
                    .parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(font));
            org.apache.fontbox.ttf.TTFSubsetter subsetter = new org.apache.fontbox.ttf.TTFSubsetter(parsed,
                    java.util.List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp", "cmap", "post", "name", "OS/2"));
            for (int codePoint = 0; codePoint < 0x2200; codePoint++) {
                if (printable(codePoint)) {
                    subsetter.add(codePoint);
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            subsetter.writeToStream(out);
            parsed.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BaseFont parse(String name, byte[] bytes) {
        try {
            BaseFont font = BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, bytes, null);
            // the embedded subset is most of a document's bytes and most of its rendering time:
            // the fastest deflate level renders several times faster for a slightly larger file
            font.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
            return font;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
