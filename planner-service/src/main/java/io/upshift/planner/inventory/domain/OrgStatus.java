package io.upshift.planner.inventory.domain;

import java.util.Arrays;
import java.util.Locale;

/** A subscriber org's status (Salesforce's OrgStatus); inactive orgs cannot be pushed to. */
public enum OrgStatus {
    ACTIVE,
    TRIAL,
    FREE,
    DEMO,
    INACTIVE;

    /** Accepts our names and Salesforce's ("Active", "Trial" …), in any case. */
    public static OrgStatus parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status '" + text + "', expected one of "
                    + Arrays.toString(values()));
        }
    }
}
