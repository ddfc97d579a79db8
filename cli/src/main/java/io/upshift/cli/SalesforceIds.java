package io.upshift.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Salesforce ids as the CLI compares them: the case-sensitive first 15 characters name the record. */
final class SalesforceIds {

    static final Pattern ORG_ID = Pattern.compile("00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    static final Pattern PACKAGE_ID = Pattern.compile("033[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Pattern ORG_ID_IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?(?![A-Za-z0-9])");

    private SalesforceIds() {
    }

    /**
     * The 18-character form of a 15-character id (the case of each block of five as a checksum letter);
     * the API's list filters match only that form.
     */
    static String to18(String id) {
        if (id == null || id.length() != 15) {
            return id;
        }
        StringBuilder suffix = new StringBuilder(3);
        for (int block = 0; block < 3; block++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id.charAt(block * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            suffix.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".charAt(flags));
        }
        return id + suffix;
    }

    static String key(String id) {
        return id == null ? null : id.length() >= 15 ? id.substring(0, 15) : id;
    }

    /**
     * The org ids an org file or CSV names, by key, in file order: only to tell whether the draft already
     * selects them; the planner reads the file itself, with its per-line problems.
     */
    static List<String> orgIdsIn(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = ORG_ID_IN_TEXT.matcher(text);
        while (matcher.find()) {
            ids.add(key(matcher.group()));
        }
        return List.copyOf(ids);
    }
}
