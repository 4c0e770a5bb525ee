package dev.ratel.jobs.documents.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * A TrueType font as month-end PDFs embed it: cut once per process to a fixed repertoire (the letters, digits and signs
 * documents print in Russian, Kazakh and English), its hinting dropped, compressed once, and then copied into every
 * document as it is. A document that prints a character outside the repertoire (the «ń» of a plan's name) gets the
 * repertoire with its extra characters appended; those cuts are kept per set of extras, so a month of the same plan
 * builds it once.
 *
 * <p>Why not the PDF library's per-document subset: cutting and compressing the font for each of a million documents
 * was most of their rendering time (OpenPDF 2.0.5: 0.71 ms per document with two fonts and nothing else on the page,
 * {@code InvoicePdfBenchmark}); copying a prepared cut costs microseconds. Dropping the hinting halves the cut
 * (DejaVu Sans: 31 KB with it, about 16 KB without) and changes nothing a PDF viewer draws at print resolution.
 *
 * <p>The cut is a TrueType program with the tables a CIDFontType2 needs (PDF 32000-1, 9.9: glyf, head, hhea, hmtx,
 * loca, maxp; no 'post': one without glyph names made PDFBox warn on every read); glyph ids are renumbered from 1
 * in repertoire order, so the content streams show glyph ids and
 * {@code /CIDToGIDMap /Identity} maps them. The repertoire's glyphs keep their ids in every cut; extras follow them.
 * The glyphs a composite glyph is built of (Ё from Е and the diaeresis) come after the characters that need them.
 */
public final class EmbeddedFont {
    /** Code points the tables cover; documents print nothing above (see {@link #printable}). */
    static final int CODE_POINTS = 0x2200;
    private static final String REPERTOIRE = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
            + "abcdefghijklmnopqrstuvwxyz{|}~\u00A0«»°±×§"
            + "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
            + "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
            + "№—–…‘’“”„•·₸₽€";
    private static final int MAX_CUTS = 256;

    private final String postScriptName;
    private final int unitsPerEm;
    private final byte[] head;
    private final byte[] hhea;
    private final byte[] maxp;
    private final byte[] glyf;
    private final long[] loca;
    private final int[] advance;
    private final int[] leftSideBearing;
    /** Old glyph id by code point, 0 where the font has none or documents print none. */
    private final int[] glyphOf = new int[CODE_POINTS];
    /** Width in thousandths of the text size, by code point. */
    private final short[] widthOf = new short[CODE_POINTS];
    private final int ascent;
    private final int descent;
    private final int capHeight;
    private final int[] boundingBox;
    private final Cut repertoire;
    private final Map<String, Cut> cuts = new ConcurrentHashMap<>();

    private EmbeddedFont(byte[] font) throws IOException {
        try (TrueTypeFont parsed = new TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(font))) {
            postScriptName = parsed.getName().replaceAll("[^A-Za-z0-9-]", "");
            unitsPerEm = parsed.getHeader().getUnitsPerEm();
            head = parsed.getTableBytes(parsed.getTableMap().get("head"));
            hhea = parsed.getTableBytes(parsed.getTableMap().get("hhea"));
            maxp = parsed.getTableBytes(parsed.getTableMap().get("maxp"));
            glyf = parsed.getTableBytes(parsed.getTableMap().get("glyf"));
            loca = parsed.getIndexToLocation().getOffsets();
            int glyphs = parsed.getNumberOfGlyphs();
            advance = new int[glyphs];
            leftSideBearing = new int[glyphs];
            for (int gid = 0; gid < glyphs; gid++) {
                advance[gid] = parsed.getHorizontalMetrics().getAdvanceWidth(gid);
                leftSideBearing[gid] = parsed.getHorizontalMetrics().getLeftSideBearing(gid);
            }
            CmapLookup cmap = parsed.getUnicodeCmapLookup();
            for (int codePoint = 0; codePoint < CODE_POINTS; codePoint++) {
                int gid = printable(codePoint) ? cmap.getGlyphId(codePoint) : 0;
                glyphOf[codePoint] = gid;
                widthOf[codePoint] = (short) thousandths(advance[gid]);
            }
            ascent = thousandths(parsed.getHorizontalHeader().getAscender());
            descent = thousandths(parsed.getHorizontalHeader().getDescender());
            capHeight = parsed.getOS2Windows() != null && parsed.getOS2Windows().getCapHeight() > 0
                    ? thousandths(parsed.getOS2Windows().getCapHeight()) : ascent;
            boundingBox = new int[] {thousandths(parsed.getHeader().getXMin()), thousandths(parsed.getHeader().getYMin()),
                thousandths(parsed.getHeader().getXMax()), thousandths(parsed.getHeader().getYMax())};
        }
        int[] characters = REPERTOIRE.codePoints().filter(c -> glyphOf[c] != 0).toArray();
        repertoire = new Cut(this, characters, new int[0], "");
    }

    /** Reads a TrueType font file's bytes; a font that cannot be read is a broken build, so it fails loudly. */
    public static EmbeddedFont of(byte[] trueType) {
        try {
            return new EmbeddedFont(trueType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document font: " + e.getMessage(), e);
        }
    }

    /** Code points documents may print; anything else renders as the font's missing glyph. */
    public static boolean printable(int codePoint) {
        return (codePoint >= 0x20 && codePoint <= 0x7E) || (codePoint >= 0xA0 && codePoint <= 0x17F)
                || (codePoint >= 0x400 && codePoint <= 0x4FF) || (codePoint >= 0x2010 && codePoint <= 0x206F)
                || (codePoint >= 0x20A0 && codePoint <= 0x20CF) || codePoint == 0x2116;
    }

    private int thousandths(int fontUnits) {
        return Math.round(fontUnits * 1000f / unitsPerEm);
    }

    /** The width of {@code text} at {@code size} points; a character outside the BMP is one missing glyph. */
    public float width(CharSequence text, float size) {
        long thousandths = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                continue;
            }
            thousandths += c < CODE_POINTS ? widthOf[c] : widthOf[0];
        }
        return thousandths * size / 1000f;
    }

    /** The width of one character, in thousandths of the text size. */
    int widthOf(char c) {
        return c < CODE_POINTS ? widthOf[c] : widthOf[0];
    }

    int ascent() {
        return ascent;
    }

    /** The cut every document starts with: the repertoire alone. */
    Cut repertoire() {
        return repertoire;
    }

    /** The glyph id of {@code c} in the repertoire, or 0 where it is outside it (an extra, or missing). */
    int repertoireGlyph(char c) {
        return c < CODE_POINTS ? repertoire.glyphByCodePoint[c] : 0;
    }

    /** The font's own glyph id of {@code c}, 0 where it cannot draw it (or documents print no such character). */
    int originalGlyph(char c) {
        return c < CODE_POINTS ? glyphOf[c] : 0;
    }

    /** The repertoire with {@code extras} appended, in that order: extras' new glyph ids follow the repertoire's. */
    Cut withExtras(int[] extras) {
        if (extras.length == 0) {
            return repertoire;
        }
        String key = new String(extras, 0, extras.length);
        Cut cut = cuts.get(key);
        if (cut == null) {
            cut = new Cut(this, repertoire.characters, extras, key);
            if (cuts.size() < MAX_CUTS) {
                cuts.put(key, cut);
            }
        }
        return cut;
    }

    /**
     * One cut of the font, ready to copy into a document: the TrueType program compressed, the widths array and the
     * ToUnicode map. Immutable; shared by every thread rendering documents.
     */
    static final class Cut {
        final int[] characters;
        final int[] extras;
        /** New glyph id by code point, for the characters of this cut. */
        final int[] glyphByCodePoint = new int[CODE_POINTS];
        /** The first new glyph id extras take: the repertoire's glyphs and their components come before. */
        final int firstExtraGlyph;
        final byte[] program;
        final int programLength;
        final byte[] toUnicode;
        final String widths;
        final String baseFontName;
        final EmbeddedFont font;
        /** New glyph id by old glyph id. */
        final Map<Integer, Integer> newGlyph;
        /** How many glyphs the cut has. */
        final int glyphCount;

        private Cut(EmbeddedFont font, int[] characters, int[] extras, String key) {
            this.font = font;
            this.characters = characters;
            this.extras = extras;
            List<Integer> oldGlyphs = new ArrayList<>();
            Map<Integer, Integer> newGlyph = new java.util.HashMap<>();
            oldGlyphs.add(0);
            newGlyph.put(0, 0);
            for (int c : characters) {
                glyphByCodePoint[c] = take(font.glyphOf[c], oldGlyphs, newGlyph);
            }
            addComponents(font, oldGlyphs, newGlyph, 1);
            firstExtraGlyph = oldGlyphs.size();
            for (int c : extras) {
                glyphByCodePoint[c] = take(font.glyphOf[c], oldGlyphs, newGlyph);
            }
            addComponents(font, oldGlyphs, newGlyph, firstExtraGlyph);
            this.newGlyph = newGlyph;
            this.glyphCount = oldGlyphs.size();
            byte[] trueType = font.program(oldGlyphs, newGlyph);
            programLength = trueType.length;
            program = deflate(trueType);
            toUnicode = deflate(toUnicode(characters, extras).getBytes(StandardCharsets.US_ASCII));
            // from glyph 0: a character the font cannot show is drawn as glyph 0 at the width layout measured it with
            StringBuilder w = new StringBuilder("[0 [");
            for (int gid = 0; gid < oldGlyphs.size(); gid++) {
                w.append(gid == 0 ? "" : " ").append(font.thousandths(font.advance[oldGlyphs.get(gid)]));
            }
            widths = w.append("]]").toString();
            // a subset's name carries a tag of six capitals (PDF 32000-1, 9.9.2), here one for the set of extras
            baseFontName = tag(key) + "+" + font.postScriptName;
        }

        private static int take(int oldGlyph, List<Integer> oldGlyphs, Map<Integer, Integer> newGlyph) {
            Integer known = newGlyph.get(oldGlyph);
            if (known != null) {
                return known;
            }
            newGlyph.put(oldGlyph, oldGlyphs.size());
            oldGlyphs.add(oldGlyph);
            return oldGlyphs.size() - 1;
        }

        private static void addComponents(EmbeddedFont font, List<Integer> oldGlyphs, Map<Integer, Integer> newGlyph, int from) {
            for (int i = from; i < oldGlyphs.size(); i++) {
                for (int component : font.components(oldGlyphs.get(i))) {
                    take(component, oldGlyphs, newGlyph);
                }
            }
        }

        private String toUnicode(int[] characters, int[] extras) {
            StringBuilder map = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    + "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
            int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(characters), java.util.Arrays.stream(extras)).toArray();
            for (int from = 0; from < all.length; from += 100) {
                int to = Math.min(all.length, from + 100);
                map.append(to - from).append(" beginbfchar\n");
                for (int i = from; i < to; i++) {
                    map.append(String.format("<%04X> <%04X>%n", glyphByCodePoint[all[i]], all[i]));
                }
                map.append("endbfchar\n");
            }
            return map.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").toString();
        }

        private static String tag(String key) {
            int hash = key.hashCode();
            char[] tag = new char[6];
            for (int i = 0; i < 6; i++) {
                tag[i] = (char) ('A' + Math.floorMod(hash, 26));
                hash /= 26;
            }
            return key.isEmpty() ? "RATELA" : new String(tag);
        }

        String descriptor() {
            int[] box = font.boundingBox;
            return "<< /Type /FontDescriptor /FontName /" + baseFontName + " /Flags 32 /FontBBox [" + box[0] + " " + box[1] + " "
                    + box[2] + " " + box[3] + "] /ItalicAngle 0 /Ascent " + font.ascent + " /Descent " + font.descent
                    + " /CapHeight " + font.capHeight + " /StemV 80";
        }
    }

    /** The old glyph ids a composite glyph draws, empty for a simple glyph. */
    private List<Integer> components(int gid) {
        List<Integer> components = new ArrayList<>(2);
        int start = (int) loca[gid];
        int end = (int) loca[gid + 1];
        if (end - start < 10 || readShort(glyf, start) >= 0) {
            return components;
        }
        int at = start + 10;
        int flags;
        do {
            flags = readUnsignedShort(glyf, at);
            components.add(readUnsignedShort(glyf, at + 2));
            at += componentLength(flags);
        } while ((flags & MORE_COMPONENTS) != 0);
        return components;
    }

    private static final int ARG_1_AND_2_ARE_WORDS = 0x0001;
    private static final int WE_HAVE_A_SCALE = 0x0008;
    private static final int MORE_COMPONENTS = 0x0020;
    private static final int WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
    private static final int WE_HAVE_A_TWO_BY_TWO = 0x0080;
    private static final int WE_HAVE_INSTRUCTIONS = 0x0100;

    /** Bytes of one component record: flags, glyph index, the two arguments and the transform its flags announce. */
    private static int componentLength(int flags) {
        int length = 4 + ((flags & ARG_1_AND_2_ARE_WORDS) != 0 ? 4 : 2);
        if ((flags & WE_HAVE_A_SCALE) != 0) {
            length += 2;
        } else if ((flags & WE_HAVE_AN_X_AND_Y_SCALE) != 0) {
            length += 4;
        } else if ((flags & WE_HAVE_A_TWO_BY_TWO) != 0) {
            length += 8;
        }
        return length;
    }

    /**
     * The TrueType program of the glyphs {@code oldGlyphs} (in new-id order): tables glyf, head, hhea, hmtx, loca and
     * maxp, hinting instructions removed, components renumbered, loca in the long format.
     */
    private byte[] program(List<Integer> oldGlyphs, Map<Integer, Integer> newGlyph) {
        ByteArrayOutputStream glyphs = new ByteArrayOutputStream();
        int count = oldGlyphs.size();
        byte[] newLoca = new byte[(count + 1) * 4];
        byte[] metrics = new byte[count * 4];
        for (int gid = 0; gid < count; gid++) {
            int old = oldGlyphs.get(gid);
            writeInt(newLoca, gid * 4, glyphs.size());
            writeShort(metrics, gid * 4, advance[old]);
            writeShort(metrics, gid * 4 + 2, leftSideBearing[old]);
            byte[] glyph = withoutInstructions(old, newGlyph);
            glyphs.write(glyph, 0, glyph.length);
            while (glyphs.size() % 4 != 0) {
                glyphs.write(0);
            }
        }
        writeInt(newLoca, count * 4, glyphs.size());
        byte[] newHead = head.clone();
        writeInt(newHead, 8, 0);                 // checkSumAdjustment, set once the file is whole
        writeShort(newHead, 50, 1);              // indexToLocFormat: long offsets
        byte[] newHhea = hhea.clone();
        writeShort(newHhea, 34, count);          // numberOfHMetrics: every glyph has its own
        byte[] newMaxp = maxp.clone();
        writeShort(newMaxp, 4, count);           // numGlyphs
        String[] tags = {"glyf", "head", "hhea", "hmtx", "loca", "maxp"};
        byte[][] tables = {glyphs.toByteArray(), newHead, newHhea, metrics, newLoca, newMaxp};
        int directory = 12 + 16 * tables.length;
        int size = directory;
        for (byte[] table : tables) {
            size += (table.length + 3) & ~3;
        }
        byte[] file = new byte[size];
        writeInt(file, 0, 0x00010000);
        writeShort(file, 4, tables.length);
        writeShort(file, 6, 64);                 // searchRange: 16 * the largest power of two <= 6 tables
        writeShort(file, 8, 2);                  // entrySelector: log2(4)
        writeShort(file, 10, tables.length * 16 - 64);
        int at = directory;
        int headAt = 0;
        for (int i = 0; i < tables.length; i++) {
            byte[] table = tables[i];
            int entry = 12 + 16 * i;
            System.arraycopy(tags[i].getBytes(StandardCharsets.US_ASCII), 0, file, entry, 4);
            writeInt(file, entry + 4, checksum(table, 0, table.length));
            writeInt(file, entry + 8, at);
            writeInt(file, entry + 12, table.length);
            System.arraycopy(table, 0, file, at, table.length);
            if (tags[i].equals("head")) {
                headAt = at;
            }
            at += (table.length + 3) & ~3;
        }
        writeInt(file, headAt + 8, (int) (0xB1B0AFBAL - (checksum(file, 0, file.length) & 0xFFFFFFFFL)));
        return file;
    }

    /** The glyph's bytes with its instructions left out and its components' ids renumbered. */
    private byte[] withoutInstructions(int gid, Map<Integer, Integer> newGlyph) {
        int start = (int) loca[gid];
        int end = (int) loca[gid + 1];
        if (end - start < 10) {
            return new byte[0];
        }
        int contours = readShort(glyf, start);
        if (contours >= 0) {
            int instructionsAt = start + 10 + 2 * contours;
            int instructions = readUnsignedShort(glyf, instructionsAt);
            int headLength = instructionsAt - start;
            int rest = end - (instructionsAt + 2 + instructions);
            byte[] glyph = new byte[headLength + 2 + rest];
            System.arraycopy(glyf, start, glyph, 0, headLength);
            System.arraycopy(glyf, instructionsAt + 2 + instructions, glyph, headLength + 2, rest);
            return glyph;
        }
        int at = 10;
        byte[] glyph = java.util.Arrays.copyOfRange(glyf, start, end);
        int flags;
        do {
            flags = readUnsignedShort(glyph, at);
            writeShort(glyph, at, flags & ~WE_HAVE_INSTRUCTIONS);
            writeShort(glyph, at + 2, newGlyph.get(readUnsignedShort(glyph, at + 2)));
            at += componentLength(flags);
        } while ((flags & MORE_COMPONENTS) != 0);
        return java.util.Arrays.copyOf(glyph, at);
    }

    private static int checksum(byte[] bytes, int from, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 4) {
            int word = 0;
            for (int b = 0; b < 4; b++) {
                word = (word << 8) | (i + b < length ? bytes[from + i + b] & 0xFF : 0);
            }
            sum += word;
        }
        return sum;
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static int readShort(byte[] bytes, int at) {
        return (short) (((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF));
    }

    private static int readUnsignedShort(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static void writeShort(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 8);
        bytes[at + 1] = (byte) value;
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
