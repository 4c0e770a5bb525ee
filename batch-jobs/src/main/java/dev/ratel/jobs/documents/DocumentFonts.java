package dev.ratel.jobs.documents;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The DejaVu fonts every PDF embeds: they render Cyrillic, the Kazakh letters (Қ, Ә, Ң, Ө, Ү, Һ, І)
 * and the tenge sign ₸, which PDF's built-in Helvetica has none of. Documents are rendered on
 * several threads; each thread parses its own copy of the font, so none shares OpenPDF's state.
 */
public final class DocumentFonts {
    private static final String DIRECTORY = "net/sf/jasperreports/fonts/dejavu/";
    private static final byte[] REGULAR = read("DejaVuSans.ttf");
    private static final byte[] BOLD = read("DejaVuSans-Bold.ttf");
    private static final ThreadLocal<BaseFont> REGULAR_FONT = ThreadLocal.withInitial(() -> parse("DejaVuSans.ttf", REGULAR));
    private static final ThreadLocal<BaseFont> BOLD_FONT = ThreadLocal.withInitial(() -> parse("DejaVuSans-Bold.ttf", BOLD));

    private DocumentFonts() {
    }

    public static Font regular(float size) {
        return new Font(REGULAR_FONT.get(), size);
    }

    public static Font bold(float size) {
        return new Font(BOLD_FONT.get(), size);
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
