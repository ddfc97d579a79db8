package io.upshift.planner.inventory.csv;

/** The file cannot be read on from here (an unterminated quote, an overlong cell): the import stops. */
public class CsvFormatException extends RuntimeException {

    private final int line;

    public CsvFormatException(int line, String message) {
        super(message);
        this.line = line;
    }

    /** The line the broken record starts on. */
    public int line() {
        return line;
    }
}
