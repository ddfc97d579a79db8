package io.upshift.planner.inventory.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of the headered import CSV (documented in the README's "Importing orgs"). Only
 * {@code org_id} is required; a column left out of a file leaves what is stored untouched, an
 * empty cell in a column that is there clears the value.
 */
public enum ImportColumn {
    ORG_ID("org_id"),
    ORG_NAME("org_name"),
    ORG_TYPE("org_type"),
    STATUS("status"),
    INSTANCE("instance"),
    INSTALLED_VERSION("installed_version"),
    BETA("beta"),
    TIME_ZONE("time_zone"),
    WINDOW_DAYS("window_days"),
    WINDOW_START("window_start"),
    WINDOW_END("window_end"),
    LOCALE("locale"),
    ADMIN_EMAILS("admin_emails"),
    EXCLUDED("excluded"),
    EXCLUDED_NOTE("excluded_note"),
    /** The subscriber blocks pushes of the package (Salesforce's PushUpgradeCustomization); needs installed_version. */
    PUSH_BLOCKED("push_blocked");

    /** The three window columns are one value: naming any of them in a header provides all three. */
    public static final Set<ImportColumn> WINDOW = EnumSet.of(WINDOW_DAYS, WINDOW_START, WINDOW_END);

    private final String header;

    ImportColumn(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The column a header cell names (case and surrounding spaces ignored). */
    public static Optional<ImportColumn> byHeader(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(column -> column.header.equals(wanted)).findFirst();
    }

    public static String allHeaders() {
        return Arrays.stream(values()).map(ImportColumn::header).collect(Collectors.joining(", "));
    }
}
