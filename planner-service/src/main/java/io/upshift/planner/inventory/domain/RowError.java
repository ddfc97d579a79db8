package io.upshift.planner.inventory.domain;

/**
 * Why one row of an import is rejected.
 *
 * @param line the 1-based line of the file the row starts on (for generated sources: the position)
 * @param column the column name, or null when the row as a whole is wrong
 * @param reason what is wrong, in words a person can act on
 */
public record RowError(int line, String column, String reason) {
}
