package io.upshift.planner.inventory.domain;

/**
 * The file as a whole cannot be imported (no rows, a header naming an unknown column, an
 * unterminated quote): nothing is stored, even with {@code partial=true}.
 */
public class ImportFileException extends RuntimeException {

    private final transient RowError error;

    public ImportFileException(int line, String column, String reason) {
        super(reason);
        this.error = new RowError(line, column, reason);
    }

    public RowError error() {
        return error;
    }
}
