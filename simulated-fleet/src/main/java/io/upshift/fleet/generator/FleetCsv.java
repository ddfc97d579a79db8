package io.upshift.fleet.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a fleet in the planner's headered import CSV (RFC 4180, UTF-8, {@code \n} line ends):
 * the demo and the benchmarks generate a fleet, write it with this class and import it through
 * {@code POST /api/v1/packages/{packageId}/subscribers/import}. Rows are written as the stream
 * yields them, so a fleet of any size passes through in constant memory.
 *
 * <p>Lists (window days, admin e-mails) are separated by {@code ;}. The exclusion columns are
 * left out on purpose: re-importing a fleet keeps the exclusions a person has set.
 */
public final class FleetCsv {

    /** The columns, in order; the names are the planner's import column names. */
    public static final List<String> COLUMNS = List.of("org_id", "org_name", "org_type", "status", "instance",
            "installed_version", "beta", "time_zone", "window_days", "window_start", "window_end", "locale",
            "admin_emails");

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private FleetCsv() {
    }

    /** Writes the header and one row per org; does not close {@code out}. Returns the number of orgs. */
    public static long write(Stream<SimulatedOrg> orgs, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        long count = 0;
        Iterator<SimulatedOrg> iterator = orgs.iterator();
        StringBuilder line = new StringBuilder(256);
        while (iterator.hasNext()) {
            line.setLength(0);
            appendRow(iterator.next(), line);
            line.append('\n');
            out.append(line);
            count++;
        }
        out.flush();
        return count;
    }

    /** Writes the fleet as UTF-8 to {@code out} (buffered); does not close it. */
    public static long write(Stream<SimulatedOrg> orgs, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        return write(orgs, writer);
    }

    /** Writes the fleet to a file, replacing it. */
    public static long write(Stream<SimulatedOrg> orgs, Path file) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return write(orgs, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One org as a CSV row, without the line end. */
    public static String row(SimulatedOrg org) {
        StringBuilder line = new StringBuilder(256);
        appendRow(org, line);
        return line.toString();
    }

    private static void appendRow(SimulatedOrg org, StringBuilder line) {
        cell(line, org.orgId()).append(',');
        cell(line, org.orgName()).append(',');
        cell(line, org.orgType()).append(',');
        cell(line, org.status()).append(',');
        cell(line, org.instance()).append(',');
        cell(line, org.installedVersion()).append(',');
        cell(line, org.installedVersion() == null ? null : String.valueOf(org.betaInstalled())).append(',');
        cell(line, org.timeZone() == null ? null : org.timeZone().getId()).append(',');
        cell(line, days(org.windowDays())).append(',');
        cell(line, time(org.windowStart())).append(',');
        cell(line, time(org.windowEnd())).append(',');
        cell(line, org.locale()).append(',');
        cell(line, String.join(";", org.adminEmails()));
    }

    private static String days(Set<DayOfWeek> days) {
        if (days == null || days.isEmpty()) {
            return null;
        }
        return days.stream().sorted().map(day -> day.name().substring(0, 3)).collect(Collectors.joining(";"));
    }

    private static String time(LocalTime time) {
        return time == null ? null : HH_MM.format(time);
    }

    /** RFC 4180: quote a cell that holds a comma, a quote or a line break; double the quotes. */
    private static StringBuilder cell(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            return line;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return line.append(value);
        }
        return line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
