package dev.ratel.jobs.documents;

import com.lowagie.text.Font;
import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The DejaVu fonts every PDF embeds: they render Cyrillic, the Kazakh letters (Қ, Ә, Ң, Ө, Ү, Һ, І)
 * and the tenge sign ₸, which PDF's built-in Helvetica has none of.
 */
public final class DocumentFonts {
    private static final String DIRECTORY = "net/sf/jasperreports/fonts/dejavu/";
    private static BaseFont regular;
    private static BaseFont bold;

    private DocumentFonts() {
    }

    public static synchronized Font regular(float size) {
        if (regular == null) {
            regular = load("DejaVuSans.ttf");
        }
        return new Font(regular, size);
    }

    public static synchronized Font bold(float size) {
        if (bold == null) {
            bold = load("DejaVuSans-Bold.ttf");
        }
        return new Font(bold, size);
    }

    private static BaseFont load(String file) {
        try (InputStream in = DocumentFonts.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + DIRECTORY + file + " is not on the class path (jasperreports-fonts)");
            }
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
