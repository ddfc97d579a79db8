package io.upshift.planner.inventory.domain;

import io.upshift.planner.shared.domain.SalesforceIds;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the text cells of one import row into an {@link OrgRow}, or into every reason the row is
 * wrong (line, column, reason). Pure: the same cells always give the same answer.
 */
public final class OrgRowValidator {

    static final int MAX_NAME = 255;
    static final int MAX_NOTE = 1000;
    static final int MAX_EMAILS = 20;

    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z]{2,10}[0-9]{0,6}[A-Za-z]{0,2}");
    private static final Pattern LOCALE = Pattern.compile("[a-zA-Z]{2,3}([_-][a-zA-Z0-9]{2,8}){0,3}");
    private static final String EMAIL_LOCAL_SYMBOLS = ".!#$%&'*+/=?^_`{|}~-";
    private static final Map<String, String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(zone -> zone.toLowerCase(Locale.ROOT), Function.identity()));

    private final List<ImportColumn> columns;
    private final Set<ImportColumn> provided;

    /** @param columns the column of each cell, in order */
    public OrgRowValidator(List<ImportColumn> columns) {
        if (!columns.contains(ImportColumn.ORG_ID)) {
            throw new IllegalArgumentException("the columns must include org_id");
        }
        this.columns = List.copyOf(columns);
        this.provided = Collections.unmodifiableSet(new LinkedHashSet<>(columns));
    }

    public List<ImportColumn> columns() {
        return columns;
    }

    /** Validates one row and hands it (or its errors) to {@code sink}. */
    public void validate(int line, List<String> cells, RowSink sink) {
        List<RowError> errors = new ArrayList<>(2);
        if (cells.size() != columns.size()) {
            sink.reject(List.of(new RowError(line, null, "has " + cells.size() + " cells, expected " + columns.size()
                    + " (" + columns.stream().map(ImportColumn::header).collect(Collectors.joining(",")) + ")")));
            return;
        }
        Map<ImportColumn, String> cell = new EnumMap<>(ImportColumn.class);
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i).strip();
            cell.put(columns.get(i), value.isEmpty() ? null : value);
        }
        Row row = new Row(line, cell, errors);

        String orgId = row.required(ImportColumn.ORG_ID, OrgRowValidator::orgId);
        String orgName = row.optional(ImportColumn.ORG_NAME, text -> limited(text, MAX_NAME));
        OrgType orgType = row.optional(ImportColumn.ORG_TYPE, OrgType::parse);
        OrgStatus status = row.optional(ImportColumn.STATUS, OrgStatus::parse);
        String instance = row.optional(ImportColumn.INSTANCE, OrgRowValidator::instance);
        PackageVersionNumber installed = row.optional(ImportColumn.INSTALLED_VERSION, PackageVersionNumber::parse);
        Boolean beta = row.optional(ImportColumn.BETA, OrgRowValidator::bool);
        if (Boolean.TRUE.equals(beta) && installed == null && cell.get(ImportColumn.INSTALLED_VERSION) == null) {
            errors.add(new RowError(line, ImportColumn.BETA.header(), "beta is true but installed_version is empty"));
        }
        String timeZone = row.optional(ImportColumn.TIME_ZONE, OrgRowValidator::zone);
        MaintenanceWindow window = window(row);
        String locale = row.optional(ImportColumn.LOCALE, OrgRowValidator::locale);
        List<String> emails = row.optional(ImportColumn.ADMIN_EMAILS, OrgRowValidator::emails);
        Boolean excluded = row.optional(ImportColumn.EXCLUDED, OrgRowValidator::bool);
        String note = row.optional(ImportColumn.EXCLUDED_NOTE, text -> limited(text, MAX_NOTE));
        Boolean pushBlocked = row.optional(ImportColumn.PUSH_BLOCKED, OrgRowValidator::bool);

        if (!errors.isEmpty()) {
            sink.reject(errors);
            return;
        }
        sink.accept(new OrgRow(line, orgId, orgName, orgType, status, instance, installed, beta, timeZone, window,
                locale, emails, Boolean.TRUE.equals(excluded), note, pushBlocked));
    }

    private MaintenanceWindow window(Row row) {
        if (!provided.contains(ImportColumn.WINDOW_DAYS) && !provided.contains(ImportColumn.WINDOW_START)
                && !provided.contains(ImportColumn.WINDOW_END)) {
            return null;
        }
        String daysText = row.cells.get(ImportColumn.WINDOW_DAYS);
        String startText = row.cells.get(ImportColumn.WINDOW_START);
        String endText = row.cells.get(ImportColumn.WINDOW_END);
        if (daysText == null && startText == null && endText == null) {
            return null;
        }
        int before = row.errors.size();
        if (startText == null) {
            row.error(ImportColumn.WINDOW_START, "a maintenance window needs window_start (HH:mm)");
        }
        if (endText == null) {
            row.error(ImportColumn.WINDOW_END, "a maintenance window needs window_end (HH:mm)");
        }
        // days left out mean every day: "02:00–05:00" alone is a daily window
        Set<DayOfWeek> days = daysText == null ? Set.of(DayOfWeek.values())
                : row.optional(ImportColumn.WINDOW_DAYS, MaintenanceWindow::parseDays);
        LocalTime start = startText == null ? null : row.optional(ImportColumn.WINDOW_START, MaintenanceWindow::parseTime);
        LocalTime end = endText == null ? null : row.optional(ImportColumn.WINDOW_END, MaintenanceWindow::parseTime);
        return row.errors.size() > before ? null : new MaintenanceWindow(days, start, end);
    }

    static String orgId(String text) {
        return SalesforceIds.orgId(text);
    }

    static String instance(String text) {
        if (!INSTANCE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Salesforce instance name such as NA135 or CS42");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    static String zone(String text) {
        String zone = ZONES.get(text.toLowerCase(Locale.ROOT));
        if (zone == null) {
            throw new IllegalArgumentException("unknown time zone '" + text + "', expected an IANA zone such as Europe/Berlin");
        }
        return zone;
    }

    static String locale(String text) {
        if (!LOCALE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a locale such as en_US");
        }
        return text.replace('-', '_');
    }

    static List<String> emails(String text) {
        Map<String, String> unique = new java.util.LinkedHashMap<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && isEmailSeparator(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !isEmailSeparator(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                String email = text.substring(start, i);
                if (!isEmail(email)) {
                    throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
                }
                unique.putIfAbsent(email.toLowerCase(Locale.ROOT), email);
            }
        }
        if (unique.size() > MAX_EMAILS) {
            throw new IllegalArgumentException("at most " + MAX_EMAILS + " admin e-mails, got " + unique.size());
        }
        return List.copyOf(unique.values());
    }

    private static boolean isEmailSeparator(char c) {
        return c == ';' || c == ',' || Character.isWhitespace(c);
    }

    /**
     * The HTML living standard's "valid e-mail address" (what people expect a form to accept): a local
     * part of letters, digits and {@value #EMAIL_LOCAL_SYMBOLS}, then a domain of at least two labels of
     * letters, digits and inner hyphens, each at most 63 long. Written out because it runs once per
     * address of a million-org import.
     */
    static boolean isEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || email.length() > 254 || at == email.length() - 1) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = email.charAt(i);
            if (!isAsciiLetterOrDigit(c) && EMAIL_LOCAL_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        int labels = 0;
        int labelStart = at + 1;
        for (int i = at + 1; i <= email.length(); i++) {
            if (i == email.length() || email.charAt(i) == '.') {
                int labelLength = i - labelStart;
                if (labelLength < 1 || labelLength > 63 || email.charAt(labelStart) == '-'
                        || email.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                labelStart = i + 1;
            } else if (!isAsciiLetterOrDigit(email.charAt(i)) && email.charAt(i) != '-') {
                return false;
            }
        }
        return labels >= 2;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static String limited(String text, int max) {
        if (text.length() > max) {
            throw new IllegalArgumentException("at most " + max + " characters, got " + text.length());
        }
        return text;
    }

    /** The cells of one row and the errors found so far. */
    private record Row(int line, Map<ImportColumn, String> cells, List<RowError> errors) {

        <T> T required(ImportColumn column, Function<String, T> parser) {
            if (cells.get(column) == null) {
                error(column, column.header() + " is empty");
                return null;
            }
            return optional(column, parser);
        }

        <T> T optional(ImportColumn column, Function<String, T> parser) {
            String text = cells.get(column);
            if (text == null) {
                return null;
            }
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                error(column, e.getMessage());
                return null;
            }
        }

        void error(ImportColumn column, String reason) {
            errors.add(new RowError(line, column.header(), reason));
        }
    }
}
