package io.upshift.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What applying a campaign file would change in the stored draft, field by field. Both sides are
 * {@link CampaignDefinition#normalized() normalized} first, so a default written out, an id in its
 * 15-character form or "4.2" for "4.2.0" is no change. One field a client cannot judge: a file
 * without {@code schedule.noticePeriod} gets the planner's configured default, which the CLI does not
 * know; such a file is compared as if it kept the draft's notice period (write it out to change it).
 */
final class DraftDiff {

    /** One changed field: the stored value and the file's, as short text ("(none)" for absent). */
    record Change(String field, String stored, String file) {

        @Override
        public String toString() {
            return field + ": " + stored + " → " + file;
        }
    }

    private DraftDiff() {
    }

    static List<Change> diff(CampaignDefinition file, CampaignDefinition stored) {
        CampaignDefinition a = stored.normalized();
        CampaignDefinition b = file.normalized();
        if (b.schedule().noticePeriod() == null) {
            CampaignDefinition.Schedule s = b.schedule();
            b = new CampaignDefinition(b.name(), b.packageId(), b.targetVersion(), b.selection(), b.strategy(),
                    new CampaignDefinition.Schedule(s.earliestStart(), a.schedule().noticePeriod(),
                            s.respectMaintenanceWindows(), s.blackouts(), s.deadline(), s.campaignWindow(), s.urgency(),
                            s.subscriberMayOptOut()),
                    b.pacing(), b.gate(), b.orgTimeout(), b.supportContact());
        }
        List<Change> changes = new ArrayList<>();
        walk("", Api.JSON.valueToTree(a), Api.JSON.valueToTree(b), changes);
        return changes;
    }

    private static void walk(String path, JsonNode stored, JsonNode file, List<Change> changes) {
        boolean storedAbsent = stored == null || stored.isNull() || stored.isMissingNode();
        boolean fileAbsent = file == null || file.isNull() || file.isMissingNode();
        if (storedAbsent && fileAbsent) {
            return;
        }
        if (!storedAbsent && !fileAbsent && stored.isObject() && file.isObject()) {
            Set<String> names = new LinkedHashSet<>(stored.propertyNames());
            names.addAll(file.propertyNames());
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, stored.get(name), file.get(name), changes);
            }
            return;
        }
        if (!storedAbsent && !fileAbsent && stored.equals(file)) {
            return;
        }
        if (path.endsWith("orgIds") || path.endsWith("excludedOrgIds")) {
            changes.add(idChange(path, storedAbsent ? null : stored, fileAbsent ? null : file));
            return;
        }
        changes.add(new Change(path, show(storedAbsent ? null : stored), show(fileAbsent ? null : file)));
    }

    /** A list of ids as its size and what is added and removed: a million ids do not fit on a line. */
    private static Change idChange(String path, JsonNode stored, JsonNode file) {
        Set<String> before = new LinkedHashSet<>();
        Set<String> after = new LinkedHashSet<>();
        if (stored != null) {
            stored.forEach(id -> before.add(id.asString()));
        }
        if (file != null) {
            file.forEach(id -> after.add(id.asString()));
        }
        Set<String> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<String> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        return new Change(path, before.size() + " ids", after.size() + " ids (+" + added.size() + " −" + removed.size() + ")");
    }

    private static String show(JsonNode value) {
        if (value == null) {
            return "(none)";
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
