package io.upshift.cli;

import io.upshift.cli.CampaignDefinition.Canary;
import io.upshift.cli.CampaignDefinition.Gate;
import io.upshift.cli.CampaignDefinition.Pacing;
import io.upshift.cli.CampaignDefinition.Ramp;
import io.upshift.cli.CampaignDefinition.RampType;
import io.upshift.cli.CampaignDefinition.Schedule;
import io.upshift.cli.CampaignDefinition.Selection;
import io.upshift.cli.CampaignDefinition.Strategy;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks the planner makes of a campaign body (CampaignRequest's constraints and CampaignSpec's
 * problems), made before anything is sent so that a file in review fails early with the field named.
 * The planner stays the authority: what only it can judge (the notice period against the ISV's
 * minimum, a version it does not know) comes back as its problem detail.
 */
final class CampaignRules {

    private static final Pattern VERSION = Pattern.compile("\\d{1,9}\\.\\d{1,9}(\\.\\d{1,9}){0,2}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CampaignRules() {
    }

    static List<String> problems(CampaignDefinition c) {
        List<String> p = new ArrayList<>();
        text(p, "name", c.name(), 200, true);
        if (blank(c.packageId())) {
            p.add("packageId: must not be blank");
        } else if (!SalesforceIds.PACKAGE_ID.matcher(c.packageId()).matches()) {
            p.add("packageId: must be a package id: 033 and 12 or 15 more letters or digits");
        }
        if (blank(c.targetVersion())) {
            p.add("targetVersion: must not be blank");
        } else if (!VERSION.matcher(c.targetVersion()).matches()) {
            p.add("targetVersion: must be a version number like 4.2.1");
        }
        if (c.selection() != null) {
            selection(p, c.selection());
        }
        if (c.strategy() != null) {
            strategy(p, c.strategy());
        }
        if (c.schedule() != null) {
            schedule(p, c.schedule());
        }
        if (c.pacing() != null) {
            pacing(p, c.pacing());
        }
        if (c.gate() != null) {
            gate(p, c.gate());
        }
        atLeastOneSecond(p, "orgTimeout", c.orgTimeout());
        text(p, "supportContact", c.supportContact(), 320, false);
        return p;
    }

    private static void selection(List<String> p, Selection s) {
        for (String instance : nonNull(s.instances())) {
            if (blank(instance) || instance.length() > 40) {
                p.add("selection.instances: '" + instance + "' must be a Salesforce instance name of at most 40 characters");
            } else if (instance.indexOf('*') >= 0 && instance.indexOf('*') != instance.length() - 1) {
                p.add("selection.instances: '" + instance + "': a * may only end a name, as a prefix (EU*)");
            }
        }
        if (s.installedVersion() != null) {
            version(p, "selection.installedVersion.min", s.installedVersion().min());
            version(p, "selection.installedVersion.max", s.installedVersion().max());
        }
        orgIds(p, "selection.orgIds", s.orgIds());
        orgIds(p, "selection.excludedOrgIds", s.excludedOrgIds());
        if (s.timeZones() != null && s.timeZones().size() > 200) {
            p.add("selection.timeZones: at most 200 zones");
        }
        for (String zone : nonNull(s.timeZones())) {
            if (!isZoneOrRegion(zone)) {
                p.add("selection.timeZones: '" + zone + "' is neither an IANA time zone (Europe/Berlin) nor a region of them (Europe/*)");
            }
        }
        if (s.orgFile() != null && s.orgIds() != null && !s.orgIds().isEmpty()) {
            p.add("selection.orgFile: give either orgIds or an orgFile, not both");
        }
        if (s.orgFile() != null && s.orgFile().isBlank()) {
            p.add("selection.orgFile: must name a file");
        }
    }

    private static void strategy(List<String> p, Strategy s) {
        Canary canary = s.canary();
        if (canary != null) {
            if ((canary.count() == null) == (canary.percent() == null)) {
                p.add("strategy.canary: give either count or percent");
            }
            if (canary.count() != null && canary.count() < 1) {
                p.add("strategy.canary.count: must be at least 1");
            }
            if (canary.percent() != null && !percent(canary.percent())) {
                p.add("strategy.canary.percent: must be above 0 and at most 100");
            }
        }
        Ramp ramp = s.ramp();
        if (ramp != null) {
            if (ramp.type() == null) {
                p.add("strategy.ramp.type: must be one of SINGLE, DOUBLING, PERCENTAGES");
            }
            List<BigDecimal> percentages = ramp.percentages() == null ? List.of() : ramp.percentages();
            if (ramp.type() == RampType.PERCENTAGES && percentages.isEmpty()) {
                p.add("strategy.ramp.percentages: give at least one percentage");
            }
            BigDecimal previous = BigDecimal.ZERO;
            for (BigDecimal value : percentages) {
                if (value == null || !percent(value)) {
                    p.add("strategy.ramp.percentages: each must be above 0 and at most 100");
                    break;
                }
                if (value.compareTo(previous) <= 0) {
                    p.add("strategy.ramp.percentages: must be strictly increasing");
                    break;
                }
                previous = value;
            }
            if (ramp.type() == RampType.DOUBLING && canary == null) {
                p.add("strategy.ramp.type: a doubling ramp doubles the canary: give a canary");
            }
        }
        notNegative(p, "strategy.minimumWaveDuration", s.minimumWaveDuration());
    }

    private static void schedule(List<String> p, Schedule s) {
        notNegative(p, "schedule.noticePeriod", s.noticePeriod());
        List<CampaignDefinition.Blackout> blackouts = s.blackouts() == null ? List.of() : s.blackouts();
        for (int i = 0; i < blackouts.size(); i++) {
            CampaignDefinition.Blackout b = blackouts.get(i);
            String field = "schedule.blackouts[" + i + "]";
            if (b == null || b.start() == null || b.end() == null) {
                p.add(field + ": needs start and end");
            } else if (!b.end().isAfter(b.start())) {
                p.add(field + ".end: must be after its start");
            }
        }
        if (s.campaignWindow() != null) {
            CampaignDefinition.CampaignWindow w = s.campaignWindow();
            if (w.start() == null) {
                p.add("schedule.campaignWindow.start: must be given, as local HH:mm (or HH:mm:ss)");
            }
            if (w.end() == null) {
                p.add("schedule.campaignWindow.end: must be given, as local HH:mm (or HH:mm:ss)");
            }
            if (w.timeZone() != null && !isZone(w.timeZone())) {
                p.add("schedule.campaignWindow.timeZone: '" + w.timeZone()
                        + "' is not an IANA time zone (e.g. UTC, Europe/Berlin); leave it out for each org's own zone");
            }
        }
        if (s.urgency() != null) {
            text(p, "schedule.urgency.reason", s.urgency().reason(), 500, true);
        }
        if (s.deadline() != null && s.earliestStart() != null && !s.deadline().isAfter(s.earliestStart())) {
            p.add("schedule.deadline: must be after schedule.earliestStart");
        }
    }

    private static void pacing(List<String> p, Pacing s) {
        positive(p, "pacing.maxCommandsPerMinute", s.maxCommandsPerMinute());
        positive(p, "pacing.maxInFlight", s.maxInFlight());
        positive(p, "pacing.maxInFlightPerInstance", s.maxInFlightPerInstance());
        positive(p, "pacing.maxCommandsPerMinutePerInstance", s.maxCommandsPerMinutePerInstance());
        atLeastOneSecond(p, "pacing.expectedUpgradeDuration", s.expectedUpgradeDuration());
    }

    private static void gate(List<String> p, Gate g) {
        if (g.failureThresholdPercent() == null) {
            p.add("gate.failureThresholdPercent: must not be null");
        } else if (g.failureThresholdPercent().signum() < 0 || g.failureThresholdPercent().compareTo(HUNDRED) > 0) {
            p.add("gate.failureThresholdPercent: must be from 0 to 100");
        }
        if (g.minimumFinished() == null) {
            p.add("gate.minimumFinished: must not be null");
        } else if (g.minimumFinished() < 0) {
            p.add("gate.minimumFinished: must be at least 0");
        }
    }

    private static void orgIds(List<String> p, String field, List<String> ids) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || !SalesforceIds.ORG_ID.matcher(ids.get(i)).matches()) {
                p.add(field + "[" + i + "]: '" + ids.get(i) + "' is not an org id (00D and 12 or 15 more letters or digits)");
            }
        }
    }

    private static void version(List<String> p, String field, String version) {
        if (version != null && !VERSION.matcher(version).matches()) {
            p.add(field + ": must be a version number like 4.1.0");
        }
    }

    private static void text(List<String> p, String field, String value, int max, boolean required) {
        if (required && blank(value)) {
            p.add(field + ": must not be blank");
        } else if (value != null && value.length() > max) {
            p.add(field + ": must be at most " + max + " characters");
        }
    }

    private static void positive(List<String> p, String field, Integer value) {
        if (value != null && value < 1) {
            p.add(field + ": must be greater than 0");
        }
    }

    private static void notNegative(List<String> p, String field, Duration value) {
        if (value != null && value.isNegative()) {
            p.add(field + ": cannot be negative");
        }
    }

    private static void atLeastOneSecond(List<String> p, String field, Duration value) {
        if (value != null && value.compareTo(Duration.ofSeconds(1)) < 0) {
            p.add(field + ": must be at least one second");
        }
    }

    private static boolean percent(BigDecimal value) {
        return value.signum() > 0 && value.compareTo(HUNDRED) <= 0;
    }

    static boolean isZoneOrRegion(String zone) {
        if (zone == null || zone.isBlank() || zone.length() > 64) {
            return false;
        }
        if (zone.endsWith("/*")) {
            String region = zone.substring(0, zone.length() - 1);
            return ZoneId.getAvailableZoneIds().stream().anyMatch(z -> z.startsWith(region));
        }
        return isZone(zone);
    }

    private static boolean isZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static <T> Collection<T> nonNull(Collection<T> values) {
        return values == null ? List.of() : values;
    }
}
