package dev.ratel.jobs.documents.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays text out down the pages of a {@link PdfDocument}: paragraphs wrapped at word boundaries, tables with ruled cells
 * whose text wraps inside them and whose heading repeats on every page a table runs onto. Widths come from the font's
 * advance widths, so what is measured is what is drawn.
 */
public final class PageFlow {
    private static final float CELL_PADDING = 2.5f;
    private static final float LINE_SPACING = 1.2f;

    /** A font at a size. */
    public record Style(EmbeddedFont font, float size) {
        float leading() {
            return size * LINE_SPACING;
        }

        float width(CharSequence text) {
            return font.width(text, size);
        }
    }

    /** A stretch of text in one style; tabs, line breaks and other control characters are printed as spaces. */
    public record Span(Style style, String text) {
        public Span {
            text = printable(text);
        }
    }

    /** The text with every control character (a tab, a line break from a quoted CSV field) made a space. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x20 || text.charAt(i) == 0x7F) {
                StringBuilder clean = new StringBuilder(text);
                for (int j = i; j < clean.length(); j++) {
                    if (clean.charAt(j) < 0x20 || clean.charAt(j) == 0x7F) {
                        clean.setCharAt(j, ' ');
                    }
                }
                return clean.toString();
            }
        }
        return text;
    }

    public enum Align { LEFT, CENTER, RIGHT }

    /** A table cell: its text, style, alignment, the columns it spans and whether it is shaded. */
    public record Cell(String text, Style style, Align align, int columns, boolean isShaded) {
        public Cell {
            text = printable(text);
        }

        public static Cell of(String text, Style style, Align align) {
            return new Cell(text, style, align, 1, false);
        }

        public Cell spanning(int columns) {
            return new Cell(text, style, align, columns, isShaded);
        }

        public Cell shaded() {
            return new Cell(text, style, align, columns, true);
        }
    }

    private final PdfDocument document;
    private final float margin;
    private PdfPage page;
    private float y;

    public PageFlow(PdfDocument document, float margin) {
        this.document = document;
        this.margin = margin;
        newPage();
    }

    private float contentWidth() {
        return document.width() - 2 * margin;
    }

    public void newPage() {
        page = document.newPage();
        y = document.height() - margin;
    }

    public void space(float points) {
        y -= points;
    }

    /** The spans as one paragraph, wrapped to the page's width. */
    public void paragraph(Align align, Span... spans) {
        for (List<Span> line : wrap(List.of(spans), contentWidth())) {
            float leading = 0;
            float size = 0;
            for (Span span : line) {
                leading = Math.max(leading, span.style().leading());
                size = Math.max(size, span.style().size());
            }
            if (y - leading < margin) {
                newPage();
            }
            draw(line, align, margin, contentWidth(), y - baselineDrop(size, leading));
            y -= leading;
        }
    }

    private static float baselineDrop(float size, float leading) {
        // DejaVu's ascent is 0.93 of its size; the line's extra spacing is shared above and below
        return size * 0.93f + (leading - size * 1.16f) / 2;
    }

    private void draw(List<Span> line, Align align, float left, float width, float baseline) {
        float lineWidth = 0;
        for (Span span : line) {
            lineWidth += span.style().width(span.text());
        }
        float x = align == Align.LEFT ? left : align == Align.CENTER ? left + (width - lineWidth) / 2 : left + width - lineWidth;
        for (Span span : line) {
            if (!span.text().isEmpty()) {
                page.text(span.style().font(), span.style().size(), x, baseline, span.text());
            }
            x += span.style().width(span.text());
        }
    }

    /**
     * Lines of spans no wider than {@code width}: words move to the next line whole; a word wider than a line is broken
     * between characters. The spaces a line ends with are dropped, so alignment sees its printed width.
     */
    static List<List<Span>> wrap(List<Span> spans, float width) {
        if (spans.size() == 1) {
            // most cells and many paragraphs fit their width: one measure instead of one per word and a string per word
            Span only = spans.get(0);
            String text = only.text().stripTrailing();
            if (only.style().width(text) <= width) {
                List<Span> line = new ArrayList<>(1);
                line.add(text == only.text() ? only : new Span(only.style(), text));
                List<List<Span>> lines = new ArrayList<>(1);
                lines.add(line);
                return lines;
            }
        }
        List<List<Span>> lines = new ArrayList<>();
        List<Span> line = new ArrayList<>();
        float used = 0;
        for (Span span : spans) {
            String text = span.text();
            int at = 0;
            while (at < text.length()) {
                int end = at;
                while (end < text.length() && text.charAt(end) != ' ') {
                    end++;
                }
                while (end < text.length() && text.charAt(end) == ' ') {
                    end++;
                }
                String word = text.substring(at, end);
                float wordWidth = span.style().width(word.stripTrailing());
                if (used + wordWidth > width && used > 0) {
                    lines.add(trimmed(line));
                    line = new ArrayList<>();
                    used = 0;
                }
                while (span.style().width(word.stripTrailing()) > width && word.length() > 1) {
                    int fits = 1;
                    while (fits < word.length() && span.style().width(word.substring(0, fits + 1)) <= width) {
                        fits++;
                    }
                    line.add(new Span(span.style(), word.substring(0, fits)));
                    lines.add(trimmed(line));
                    line = new ArrayList<>();
                    word = word.substring(fits);
                }
                append(line, span.style(), word);
                used += span.style().width(word);
                at = end;
            }
            if (text.isEmpty()) {
                append(line, span.style(), "");
            }
        }
        if (!line.isEmpty()) {
            lines.add(trimmed(line));
        }
        return lines;
    }

    private static void append(List<Span> line, Style style, String text) {
        if (!line.isEmpty() && line.get(line.size() - 1).style().equals(style)) {
            Span last = line.remove(line.size() - 1);
            line.add(new Span(style, last.text() + text));
        } else {
            line.add(new Span(style, text));
        }
    }

    private static List<Span> trimmed(List<Span> line) {
        if (!line.isEmpty()) {
            Span last = line.get(line.size() - 1);
            line.set(line.size() - 1, new Span(last.style(), last.text().stripTrailing()));
        }
        return line;
    }

    /** A heading cell's text in its style and width. */
    private record HeadingKey(String text, Style style, float width) {
    }

    /**
     * Headings wrapped once per process: a form's headings are the same text in every document (the act's column
     * headings are sentences of the statutory form, wrapped word by word), and a table draws them again on every page.
     * Only headings are kept, so the map holds a few dozen entries; the lines are read-only and shared by threads.
     */
    private static final java.util.concurrent.ConcurrentMap<HeadingKey, List<List<Span>>> HEADINGS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<List<Span>> wrappedHeading(Cell cell, float width) {
        HeadingKey key = new HeadingKey(cell.text(), cell.style(), width);
        List<List<Span>> lines = HEADINGS.get(key);
        if (lines == null) {
            List<List<Span>> wrapped = new ArrayList<>();
            for (List<Span> line : wrap(List.of(new Span(cell.style(), cell.text())), width)) {
                wrapped.add(List.copyOf(line));
            }
            lines = List.copyOf(wrapped);
            if (HEADINGS.size() < 1_000) {
                HEADINGS.putIfAbsent(key, lines);
            }
        }
        return lines;
    }

    /** A table across the page's width, its columns as wide as {@code weights} say relative to each other. */
    public Table table(float... weights) {
        return new Table(weights);
    }

    /** A table being laid out row by row; a row that does not fit starts a new page under the repeated heading. */
    public final class Table {
        private final float[] left;
        private final float[] width;
        private final List<Cell[]> heading = new ArrayList<>();
        /** The heading rows' height, measured once as they are drawn. */
        private float headingHeight;
        private float lastRowHeight;

        private Table(float[] weights) {
            float total = 0;
            for (float weight : weights) {
                total += weight;
            }
            left = new float[weights.length];
            width = new float[weights.length];
            float x = margin;
            for (int i = 0; i < weights.length; i++) {
                left[i] = x;
                width[i] = contentWidth() * weights[i] / total;
                x += width[i];
            }
        }

        /** A heading row: drawn now and again at the top of every further page of the table. */
        public Table heading(Cell... cells) {
            heading.add(cells);
            row(cells);
            headingHeight += lastRowHeight;
            return this;
        }

        public Table row(Cell... cells) {
            boolean isHeading = heading.contains(cells);
            List<List<List<Span>>> wrapped = new ArrayList<>(cells.length);
            int column = 0;
            for (Cell cell : cells) {
                float cellWidth = spanWidth(column, cell.columns()) - 2 * CELL_PADDING;
                wrapped.add(isHeading ? wrappedHeading(cell, cellWidth) : wrap(List.of(new Span(cell.style(), cell.text())), cellWidth));
                column += cell.columns();
            }
            if (column != left.length) {
                throw new IllegalArgumentException("a row of " + column + " columns in a table of " + left.length);
            }
            while (true) {
                float height = height(cells, wrapped);
                if (y - height >= margin) {
                    draw(cells, wrapped, height);
                    return this;
                }
                boolean pageIsFresh = y >= document.height() - margin - headingHeight - 0.01f;
                if (!pageIsFresh && !isHeading) {
                    newPageUnderHeading();
                    continue;
                }
                // taller than a whole page: as many lines as fit here, the rest on the next page
                List<List<List<Span>>> rest = new ArrayList<>(cells.length);
                List<List<List<Span>>> here = new ArrayList<>(cells.length);
                boolean anyLeft = false;
                for (int i = 0; i < cells.length; i++) {
                    int fit = Math.max(1, (int) ((y - margin - 2 * CELL_PADDING) / cells[i].style().leading()));
                    List<List<Span>> lines = wrapped.get(i);
                    here.add(lines.subList(0, Math.min(fit, lines.size())));
                    rest.add(lines.subList(Math.min(fit, lines.size()), lines.size()));
                    anyLeft |= fit < lines.size();
                }
                draw(cells, here, Math.min(height(cells, here), y - margin));
                if (!anyLeft) {
                    return this;
                }
                newPageUnderHeading();
                wrapped = rest;
            }
        }

        private void newPageUnderHeading() {
            newPage();
            for (Cell[] headingRow : heading) {
                row(headingRow);
            }
        }

        private float height(Cell[] cells, List<List<List<Span>>> wrapped) {
            float height = 0;
            for (int i = 0; i < cells.length; i++) {
                height = Math.max(height, wrapped.get(i).size() * cells[i].style().leading() + 2 * CELL_PADDING);
            }
            return height;
        }

        private void draw(Cell[] cells, List<List<List<Span>>> wrapped, float height) {
            int column = 0;
            for (int i = 0; i < cells.length; i++) {
                Cell cell = cells[i];
                float x = left[column];
                float cellWidth = spanWidth(column, cell.columns());
                if (cell.isShaded()) {
                    page.fill(x, y - height, cellWidth, height, 0.9f);
                }
                float top = y - CELL_PADDING;
                for (List<Span> line : wrapped.get(i)) {
                    PageFlow.this.draw(line, cell.align(), x + CELL_PADDING, cellWidth - 2 * CELL_PADDING,
                            top - baselineDrop(cell.style().size(), cell.style().leading()));
                    top -= cell.style().leading();
                }
                page.box(x, y - height, cellWidth, height);
                column += cell.columns();
            }
            y -= height;
            lastRowHeight = height;
        }

        private float spanWidth(int column, int columns) {
            float sum = 0;
            for (int i = column; i < column + columns; i++) {
                sum += width[i];
            }
            return sum;
        }
    }
}
