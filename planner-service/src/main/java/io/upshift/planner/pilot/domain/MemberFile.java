package io.upshift.planner.pilot.domain;

import io.upshift.planner.shared.domain.SalesforceIds;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pilot list's members from CSV: a header naming an org id column ({@code orgId}, {@code org_id},
 * {@code OrgKey} or Salesforce's {@code SubscriberOrganizationKey}) and one org a line, or no header and the
 * org id first on each line. Every line with a problem is reported with its number, as the inventory import
 * does; the caller adds nothing unless there is none.
 */
public final class MemberFile {

    /** The most lines one upload may hold. */
    public static final int MAX_LINES = 100_000;

    private static final Set<String> ID_COLUMNS = Set.of("orgid", "org_id", "orgkey", "subscriberorganizationkey");

    private MemberFile() {
    }

    /**
     * The org ids (18 characters, in file order, each once) with the line each first appears on, and the
     * problems per line.
     */
    public record Parsed(Map<String, Integer> orgIds, List<Reason> problems) {
    }

    public static Parsed parse(List<String> lines) {
        List<Reason> problems = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        int column = 0;
        int first = 0;
        if (!lines.isEmpty()) {
            String[] header = lines.getFirst().split(",", -1);
            for (int i = 0; i < header.length; i++) {
                if (ID_COLUMNS.contains(unquote(header[i]).toLowerCase(Locale.ROOT))) {
                    column = i;
                    first = 1;
                    break;
                }
            }
        }
        if (lines.size() - first > MAX_LINES) {
            problems.add(new Reason(null, null, "at most " + MAX_LINES + " orgs per upload"));
            return new Parsed(Map.of(), problems);
        }
        for (int n = first; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String cell = column < cells.length ? unquote(cells[column]) : "";
            try {
                ids.putIfAbsent(SalesforceIds.orgId(cell), n + 1);
            } catch (IllegalArgumentException e) {
                problems.add(new Reason("orgId", n + 1, SalesforceIds.problem(cell, SalesforceIds.ORG_PREFIX, "org id")
                        .orElse(e.getMessage())));
            }
        }
        if (ids.isEmpty() && problems.isEmpty()) {
            problems.add(new Reason(null, null, "the file names no org"));
        }
        return new Parsed(ids, problems);
    }

    private static String unquote(String cell) {
        String s = cell.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
