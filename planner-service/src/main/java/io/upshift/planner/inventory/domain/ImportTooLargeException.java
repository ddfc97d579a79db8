package io.upshift.planner.inventory.domain;

/** The import is larger than the configured limit (bytes or rows): HTTP 413, nothing stored. */
public class ImportTooLargeException extends RuntimeException {

    public ImportTooLargeException(String message) {
        super(message);
    }
}
