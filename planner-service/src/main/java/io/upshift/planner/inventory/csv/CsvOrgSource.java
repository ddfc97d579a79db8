package io.upshift.planner.inventory.csv;

import io.upshift.planner.inventory.domain.ImportColumn;
import io.upshift.planner.inventory.domain.ImportFileException;
import io.upshift.planner.inventory.domain.OrgRowValidator;
import io.upshift.planner.inventory.domain.RowError;
import io.upshift.planner.inventory.domain.RowSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an uploaded org list in either format and hands each row to a {@link RowSink} as it is
 * read: the Salesforce CLI org file (one 15- or 18-character org id per line, no header) or the
 * headered CSV with the optional columns of {@link ImportColumn}. The format is told apart by the
 * first non-blank line: a header names {@code org_id}; an org file starts with an id.
 */
public final class CsvOrgSource {

    /** The two formats, as the import's answer names them. */
    public enum Format {
        ORG_FILE,
        CSV
    }

    static final int MAX_CELL_CHARS = 10_000;
    static final int MAX_CELLS = 100;

    private final CsvReader reader;
    private final Format format;
    private final OrgRowValidator validator;
    private List<String> firstDataRow;
    private int firstDataLine;

    /**
     * Reads up to the first non-blank line to learn the format and the columns.
     *
     * @throws ImportFileException when the file is empty, or its header is not usable
     */
    public CsvOrgSource(InputStream in) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.reader = new CsvReader(new InputStreamReader(in, decoder), MAX_CELL_CHARS, MAX_CELLS);
        List<String> first = nextNonBlank();
        if (first == null) {
            throw new ImportFileException(1, null, "the file has no org ids");
        }
        if (first.stream().anyMatch(cell -> ImportColumn.byHeader(cell).isPresent())) {
            this.format = Format.CSV;
            this.validator = new OrgRowValidator(header(first, reader.recordLine()));
        } else {
            this.format = Format.ORG_FILE;
            this.validator = new OrgRowValidator(List.of(ImportColumn.ORG_ID));
            this.firstDataRow = first;
            this.firstDataLine = reader.recordLine();
        }
    }

    public Format format() {
        return format;
    }

    /** The columns the file provides (the three window columns count as one: naming one provides all). */
    public Set<ImportColumn> columns() {
        EnumSet<ImportColumn> columns = EnumSet.copyOf(validator.columns());
        if (columns.stream().anyMatch(ImportColumn.WINDOW::contains)) {
            columns.addAll(ImportColumn.WINDOW);
        }
        return columns;
    }

    /**
     * Reads every row into {@code sink}.
     *
     * @throws ImportFileException when the file breaks off in a way no later row can be trusted
     */
    public void readRows(RowSink sink) {
        if (firstDataRow != null) {
            row(firstDataLine, firstDataRow, sink);
            firstDataRow = null;
        }
        List<String> cells;
        while ((cells = nextNonBlank()) != null) {
            row(reader.recordLine(), cells, sink);
        }
    }

    private void row(int line, List<String> cells, RowSink sink) {
        if (format == Format.ORG_FILE && cells.size() != 1) {
            sink.reject(List.of(new RowError(line, ImportColumn.ORG_ID.header(),
                    "expected one org id per line (a Salesforce CLI org file), got " + cells.size()
                            + " cells; a CSV with more columns needs a header line naming org_id")));
            return;
        }
        validator.validate(line, cells, sink);
    }

    private List<String> nextNonBlank() {
        try {
            List<String> cells;
            do {
                cells = reader.next();
            } while (cells != null && cells.stream().allMatch(String::isBlank));
            return cells;
        } catch (CsvFormatException e) {
            throw new ImportFileException(e.line(), null, e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ImportFileException(Math.max(1, reader.recordLine()), null,
                    "the file is not UTF-8 text; save it as UTF-8 (in Excel: \"CSV UTF-8\")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ImportColumn> header(List<String> cells, int line) {
        List<ImportColumn> columns = new ArrayList<>(cells.size());
        for (String cell : cells) {
            Optional<ImportColumn> column = ImportColumn.byHeader(cell);
            if (column.isEmpty()) {
                throw new ImportFileException(line, cell.strip(), "unknown column '" + cell.strip()
                        + "' in the header; the columns are " + ImportColumn.allHeaders());
            }
            if (columns.contains(column.get())) {
                throw new ImportFileException(line, column.get().header(), "the header names "
                        + column.get().header() + " twice");
            }
            columns.add(column.get());
        }
        if (!columns.contains(ImportColumn.ORG_ID)) {
            throw new ImportFileException(line, ImportColumn.ORG_ID.header(), "the header has no org_id column");
        }
        if (columns.contains(ImportColumn.BETA) && !columns.contains(ImportColumn.INSTALLED_VERSION)) {
            throw new ImportFileException(line, ImportColumn.BETA.header(),
                    "the beta column needs the installed_version column");
        }
        if (columns.contains(ImportColumn.PUSH_BLOCKED) && !columns.contains(ImportColumn.INSTALLED_VERSION)) {
            throw new ImportFileException(line, ImportColumn.PUSH_BLOCKED.header(),
                    "the push_blocked column needs the installed_version column");
        }
        return columns;
    }
}
