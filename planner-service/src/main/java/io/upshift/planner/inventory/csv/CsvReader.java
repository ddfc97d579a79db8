package io.upshift.planner.inventory.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV one record at a time, so a file of any size passes through in constant
 * memory: cells separated by commas, optionally quoted, quotes doubled inside quotes, line
 * breaks inside quotes, CRLF, LF or CR line ends, a leading UTF-8 byte order mark ignored. It
 * remembers the line each record starts on, for error messages.
 *
 * <p>Lenient where a spreadsheet would be (a stray quote inside an unquoted cell is kept as text);
 * strict where going on would misplace every later row (an unterminated quote, an overlong cell):
 * those end the file with a {@link CsvFormatException}.
 */
final class CsvReader {

    private final Reader in;
    private final int maxCellChars;
    private final int maxCells;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int line = 1;
    private int recordLine;
    private boolean started;
    private int pendingCr = -1;
    private final StringBuilder cell = new StringBuilder(256);

    CsvReader(Reader in, int maxCellChars, int maxCells) {
        this.in = in;
        this.maxCellChars = maxCellChars;
        this.maxCells = maxCells;
    }

    /** The 1-based line the record last returned by {@link #next()} starts on. */
    int recordLine() {
        return recordLine;
    }

    /** The next record's cells, or null at the end of the input. A blank line is one empty cell. */
    List<String> next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> cells = new ArrayList<>(16);
        cell.setLength(0);
        boolean quoted = false;
        boolean cellStart = true;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new CsvFormatException(recordLine, "a quoted cell is never closed (a \" is missing)");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        append(cell, '"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n' || c == '\r') {
                        c = lineEnd(c);
                    }
                    append(cell, (char) c);
                }
                c = read();
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c != -1) {
                    lineEnd(c);
                }
                addCell(cells, cell);
                return cells;
            }
            if (c == ',') {
                addCell(cells, cell);
                cell.setLength(0);
                cellStart = true;
            } else if (c == '"' && cellStart && cell.isEmpty()) {
                quoted = true;
                cellStart = false;
            } else {
                append(cell, (char) c);
                cellStart = false;
            }
            c = read();
        }
    }

    private void addCell(List<String> cells, StringBuilder cell) {
        if (cells.size() == maxCells) {
            throw new CsvFormatException(recordLine, "a row has more than " + maxCells + " cells");
        }
        cells.add(cell.toString());
    }

    private void append(StringBuilder cell, char c) {
        if (cell.length() == maxCellChars) {
            throw new CsvFormatException(recordLine, "a cell is longer than " + maxCellChars + " characters");
        }
        cell.append(c);
    }

    /** Counts a line end; a CR followed by LF is one line end. Returns the character to keep for it. */
    private int lineEnd(int c) throws IOException {
        line++;
        if (c == '\r') {
            int next = read();
            if (next == '\n') {
                return '\n';
            }
            pendingCr = next;
            return '\n';
        }
        return c;
    }

    private int read() throws IOException {
        if (pendingCr != -1) {
            int c = pendingCr;
            pendingCr = -1;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }
}
