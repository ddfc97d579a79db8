package io.upshift.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /api/v1/campaigns} (the planner's CampaignRequest), field for field, plus
 * {@code selection.orgFile}. A campaign file binds to it strictly; the stored draft's {@code definition}
 * binds to it too, so that {@link #normalized()} of both can be compared field by field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CampaignDefinition(String name, String packageId, String targetVersion, Selection selection,
        Strategy strategy, Schedule schedule, Pacing pacing, Gate gate, Duration orgTimeout, String supportContact) {

    enum OrgType { PRODUCTION, SANDBOX }

    enum RampType { SINGLE, DOUBLING, PERCENTAGES }

    enum CountedStatus { FAILED, TIMED_OUT }

    enum WindowMode { WITHIN_ORG_WINDOWS, INSTEAD_OF_ORG_WINDOWS }

    /** The planner's defaults (CampaignRequest and CampaignSpec), for a field a file leaves out. */
    static final Duration DEFAULT_ORG_TIMEOUT = Duration.ofHours(4);
    static final Duration DEFAULT_EXPECTED_UPGRADE = Duration.ofMinutes(10);
    static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.valueOf(5);
    static final int DEFAULT_MINIMUM_FINISHED = 10;

    /**
     * @param orgFile a Salesforce CLI org file or headered CSV, relative to the campaign file; not part of
     *                the REST body: its ids are sent with {@code POST /campaigns/{id}/selection}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Selection(Set<OrgType> orgTypes, Set<String> instances, VersionRange installedVersion, List<String> orgIds,
            List<String> excludedOrgIds, Set<String> timeZones, String orgFile) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionRange(String min, String max) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Strategy(Boolean sandboxesFirst, Canary canary, Ramp ramp, Boolean approvalRequired,
            Duration minimumWaveDuration, ChronicOrgs chronicOrgs, List<PilotWave> pilotWaves) {

        Strategy(Boolean sandboxesFirst, Canary canary, Ramp ramp, Boolean approvalRequired,
                Duration minimumWaveDuration) {
            this(sandboxesFirst, canary, ramp, approvalRequired, minimumWaveDuration, null, null);
        }
    }

    /** Where the package's chronic orgs go: LAST_WAVE (the planner's default) or NORMAL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChronicOrgs(String placement, Boolean approvalRequired) {
    }

    /** A wave of a pilot list's orgs before the canary, with its own gate or the campaign's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PilotWave(String list, Gate gate) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Canary(Integer count, BigDecimal percent) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ramp(RampType type, List<BigDecimal> percentages) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Schedule(Instant earliestStart, Duration noticePeriod, Boolean respectMaintenanceWindows,
            List<Blackout> blackouts, Instant deadline, CampaignWindow campaignWindow, Urgency urgency,
            Boolean subscriberMayOptOut) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Blackout(Instant start, Instant end, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CampaignWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, String timeZone, WindowMode mode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Urgency(String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pacing(Integer maxCommandsPerMinute, Integer maxInFlight, Integer maxInFlightPerInstance,
            Integer maxCommandsPerMinutePerInstance, Duration expectedUpgradeDuration) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Gate(BigDecimal failureThresholdPercent, Integer minimumFinished, Set<CountedStatus> countedStatuses) {
    }

    /** The REST body: the definition without {@code selection.orgFile}. */
    CampaignDefinition body() {
        if (selection == null || selection.orgFile() == null) {
            return this;
        }
        Selection s = selection;
        return new CampaignDefinition(name, packageId, targetVersion, new Selection(s.orgTypes(), s.instances(),
                s.installedVersion(), s.orgIds(), s.excludedOrgIds(), s.timeZones(), null), strategy, schedule, pacing,
                gate, orgTimeout, supportContact);
    }

    /** The same definition with these org ids selected (those an org file names). */
    CampaignDefinition withOrgIds(List<String> ids) {
        Selection s = selection == null ? new Selection(null, null, null, null, null, null, null) : selection;
        return new CampaignDefinition(name, packageId, targetVersion, new Selection(s.orgTypes(), s.instances(),
                s.installedVersion(), ids, s.excludedOrgIds(), s.timeZones(), null), strategy, schedule, pacing, gate,
                orgTimeout, supportContact);
    }

    /**
     * Every default filled in as the planner fills it, ids and numbers in one spelling, sets sorted: two
     * definitions the planner treats alike are equal. The notice period's default is the planner's setting,
     * which a client cannot know: left out, it stays null (see {@link DraftDiff}).
     */
    CampaignDefinition normalized() {
        Selection s = selection == null ? new Selection(null, null, null, null, null, null, null) : selection;
        Strategy t = strategy == null ? new Strategy(null, null, null, null, null) : strategy;
        Schedule d = schedule == null ? new Schedule(null, null, null, null, null, null, null, null) : schedule;
        Pacing p = pacing == null ? new Pacing(null, null, null, null, null) : pacing;
        Gate g = gate == null ? new Gate(DEFAULT_THRESHOLD, DEFAULT_MINIMUM_FINISHED, null) : gate;
        CampaignWindow w = d.campaignWindow();
        return new CampaignDefinition(name == null ? null : name.strip(), SalesforceIds.key(packageId),
                Versions.normalize(targetVersion),
                new Selection(sorted(s.orgTypes()), sorted(s.instances()), s.installedVersion() == null
                        || (s.installedVersion().min() == null && s.installedVersion().max() == null) ? null
                        : s.installedVersion(), ids(s.orgIds()), ids(s.excludedOrgIds()), sorted(s.timeZones()), null),
                new Strategy(Boolean.TRUE.equals(t.sandboxesFirst()),
                        t.canary() == null ? null : new Canary(t.canary().count(), decimal(t.canary().percent())),
                        t.ramp() == null ? new Ramp(RampType.SINGLE, List.of())
                                : new Ramp(t.ramp().type(), t.ramp().percentages() == null ? List.of()
                                        : t.ramp().percentages().stream().map(CampaignDefinition::decimal).toList()),
                        Boolean.TRUE.equals(t.approvalRequired()),
                        t.minimumWaveDuration() == null ? Duration.ZERO : t.minimumWaveDuration(),
                        new ChronicOrgs(t.chronicOrgs() == null || t.chronicOrgs().placement() == null ? "LAST_WAVE"
                                : t.chronicOrgs().placement(),
                                t.chronicOrgs() != null && Boolean.TRUE.equals(t.chronicOrgs().approvalRequired())),
                        t.pilotWaves() == null ? List.of() : t.pilotWaves().stream()
                                .map(pw -> new PilotWave(pw.list() == null ? null : pw.list().strip(), pw.gate() == null
                                        ? null : normalizedGate(pw.gate()))).toList()),
                new Schedule(d.earliestStart(), d.noticePeriod(), !Boolean.FALSE.equals(d.respectMaintenanceWindows()),
                        d.blackouts() == null ? List.of() : d.blackouts(), d.deadline(),
                        w == null ? null : new CampaignWindow(w.days() == null || w.days().isEmpty()
                                ? new TreeSet<>(List.of(DayOfWeek.values())) : new TreeSet<>(w.days()), w.start(), w.end(),
                                w.timeZone(), w.mode() == null ? WindowMode.WITHIN_ORG_WINDOWS : w.mode()),
                        d.urgency() == null ? null
                                : new Urgency(d.urgency().reason() == null ? null : d.urgency().reason().strip()),
                        Boolean.TRUE.equals(d.subscriberMayOptOut())),
                new Pacing(p.maxCommandsPerMinute(), p.maxInFlight(), p.maxInFlightPerInstance(),
                        p.maxCommandsPerMinutePerInstance(),
                        p.expectedUpgradeDuration() == null ? DEFAULT_EXPECTED_UPGRADE : p.expectedUpgradeDuration()),
                new Gate(decimal(g.failureThresholdPercent()), g.minimumFinished(),
                        g.countedStatuses() == null || g.countedStatuses().isEmpty()
                                ? new TreeSet<>(Set.of(CountedStatus.FAILED, CountedStatus.TIMED_OUT))
                                : new TreeSet<>(g.countedStatuses())),
                orgTimeout == null ? DEFAULT_ORG_TIMEOUT : orgTimeout,
                supportContact == null || supportContact.isBlank() ? null : supportContact);
    }

    private static Gate normalizedGate(Gate g) {
        return new Gate(decimal(g.failureThresholdPercent()), g.minimumFinished(),
                g.countedStatuses() == null || g.countedStatuses().isEmpty()
                        ? new TreeSet<>(Set.of(CountedStatus.FAILED, CountedStatus.TIMED_OUT))
                        : new TreeSet<>(g.countedStatuses()));
    }

    private static <T extends Comparable<T>> Set<T> sorted(Collection<T> values) {
        return values == null ? new TreeSet<>() : new TreeSet<>(values);
    }

    /** Org ids by their case-sensitive 15-character key, each once, sorted: the order of a list selects nothing. */
    private static List<String> ids(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        return new ArrayList<>(new TreeSet<>(ids.stream().map(SalesforceIds::key).toList()));
    }

    private static BigDecimal decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
