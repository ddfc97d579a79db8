package io.upshift.planner.operations.web;

import io.upshift.planner.campaign.domain.Campaign;

/** A campaign's version as an entity tag, and back: clients send it as If-Match to change what they read. */
final class ETags {

    private ETags() {
    }

    static String of(Campaign campaign) {
        return "\"" + campaign.version() + "\"";
    }

    /**
     * The version an If-Match header names, or null when there is none. An unreadable tag can
     * never match, so it is read as -1 (→ 409).
     */
    static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
