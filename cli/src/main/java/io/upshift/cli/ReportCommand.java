package io.upshift.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A campaign's results from {@code GET /api/v1/campaigns/{id}/results.csv}: every org, streamed. With
 * {@code --csv FILE} the CSV is saved as is; without, the counts by state and every failure (all of them:
 * the point of a report is the org a person has to call) are printed.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Counts by state and every failed or timed-out org; --csv FILE saves every org's result.")
final class ReportCommand extends CampaignCommands.Base {

    static final Set<String> FAILURES = Set.of("FAILED", "TIMED_OUT");

    @Parameters(paramLabel = "ID", description = "The campaign id.")
    String id;

    @Option(names = "--csv", paramLabel = "FILE", description = "Save every org's result as CSV ('-' for stdout).")
    String csv;

    @Override
    public Integer call() {
        String path = CampaignCommands.CAMPAIGNS + "/" + id + "/results.csv";
        Api api = cli().api();
        if (csv != null) {
            try (InputStream body = api.stream(path)) {
                if (csv.equals("-")) {
                    body.transferTo(new NoClose(System.out));
                    System.out.flush();
                } else {
                    long bytes = Files.copy(body, Path.of(csv), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    long lines;
                    try (var stream = Files.lines(Path.of(csv))) {
                        lines = stream.count() - 1;
                    }
                    cli().env.err().printf("wrote %s: %d orgs (%d bytes)%n", csv, lines, bytes);
                }
            } catch (IOException e) {
                throw new CliException(ExitCode.API_FAILED, "cannot save the results: " + e.getMessage());
            }
            return ExitCode.OK;
        }
        Map<String, Long> byState = new TreeMap<>();
        List<Map<String, String>> failures = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(api.stream(path), StandardCharsets.UTF_8))) {
            List<String> header = Csv.next(reader);
            List<String> row;
            while ((row = Csv.next(reader)) != null) {
                Map<String, String> org = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < row.size(); i++) {
                    org.put(header.get(i), row.get(i));
                }
                byState.merge(org.getOrDefault("state", "?"), 1L, Long::sum);
                if (FAILURES.contains(org.get("state"))) {
                    failures.add(org);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cli().json()) {
            cli().printJson(Map.of("campaignId", id, "counts", byState, "failures", failures));
            return ExitCode.OK;
        }
        var out = cli().out();
        out.println("campaign " + id + ": " + String.join(", ", byState.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        if (failures.isEmpty()) {
            out.println("no org failed or timed out");
            return ExitCode.OK;
        }
        out.println(failures.size() + " failed or timed out:");
        Table table = new Table("ORG", "NAME", "INSTANCE", "WAVE", "STATE", "ATTEMPT", "ERROR CODE", "MESSAGE");
        failures.forEach(f -> table.row(f.get("org_id"), f.get("org_name"), f.get("instance"), f.get("wave"),
                f.get("state"), f.get("attempt"), blank(f.get("error_code")), blank(f.get("error_message"))));
        table.print(out);
        return ExitCode.OK;
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** RFC 4180 records, quoted cells with commas, quotes and line breaks included. */
    static final class Csv {

        private Csv() {
        }

        static List<String> next(BufferedReader reader) throws IOException {
            int c = reader.read();
            if (c == -1) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            while (c != -1) {
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        reader.mark(1);
                        int after = reader.read();
                        if (after == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (after != -1) {
                                reader.reset();
                            }
                        }
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\n') {
                    break;
                } else if (ch != '\r') {
                    cell.append(ch);
                }
                c = reader.read();
            }
            cells.add(cell.toString());
            return cells;
        }
    }

    /** stdout stays open after the copy. */
    private static final class NoClose extends java.io.FilterOutputStream {

        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
