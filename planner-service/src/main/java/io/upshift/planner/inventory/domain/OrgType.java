package io.upshift.planner.inventory.domain;

import java.util.Locale;

/** Whether a subscriber org is a production org or a sandbox (Salesforce's OrgType). */
public enum OrgType {
    PRODUCTION,
    SANDBOX;

    /** Accepts our names and Salesforce's ("Production", "Sandbox"), in any case. */
    public static OrgType parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown org type '" + text + "', expected PRODUCTION or SANDBOX");
        }
    }
}
