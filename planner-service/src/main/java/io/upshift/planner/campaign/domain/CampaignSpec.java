package io.upshift.planner.campaign.domain;

import io.upshift.planner.inventory.domain.OrgType;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a release manager asks for: which orgs, in which waves, when, how fast, and when to stop.
 * Values are already checked one by one at the edge (bean validation); {@link #problems()} checks
 * what only makes sense together.
 *
 * @param name a person's name for the campaign
 * @param packageId the 033… package
 * @param targetVersion the version number to push, e.g. 4.2.1
 * @param selection which orgs are considered
 * @param strategy how they are split into waves
 * @param schedule when the campaign may start and which times are off limits
 * @param pacing how fast commands are released
 * @param gate when a wave is judged bad
 * @param orgTimeout how long the planner waits for an org's outcome after releasing its command
 * @param supportContact whom subscribers may contact, shown in their notices (optional)
 * @param createdBy who created the campaign (optional)
 */
public record CampaignSpec(
        String name,
        String packageId,
        String targetVersion,
        Selection selection,
        Strategy strategy,
        Schedule schedule,
        Pacing pacing,
        GateRule gate,
        Duration orgTimeout,
        String supportContact,
        String createdBy) {

    public CampaignSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(targetVersion, "targetVersion");
        selection = selection == null ? Selection.ALL : selection;
        strategy = strategy == null ? Strategy.ALL_AT_ONCE : strategy;
        Objects.requireNonNull(schedule, "schedule");
        pacing = pacing == null ? Pacing.UNLIMITED : pacing;
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(orgTimeout, "orgTimeout");
    }

    /** The same definition, created by {@code who}. */
    public CampaignSpec withCreator(String who) {
        return new CampaignSpec(name, packageId, targetVersion, selection, strategy, schedule, pacing, gate, orgTimeout,
                supportContact, who);
    }

    /** The same definition, naming its target version as the catalogue spells it. */
    public CampaignSpec withTargetVersion(String number) {
        return new CampaignSpec(name, packageId, number, selection, strategy, schedule, pacing, gate, orgTimeout,
                supportContact, createdBy);
    }

    /** The same definition, selecting only these orgs (18-character ids); the other filters stay. */
    public CampaignSpec withOrgIds(List<String> orgIds) {
        return new CampaignSpec(name, packageId, targetVersion, new Selection(selection.orgTypes(),
                selection.instances(), selection.installedVersion(), orgIds, selection.excludedOrgIds(),
                selection.timeZones()), strategy,
                schedule, pacing, gate, orgTimeout, supportContact, createdBy);
    }

    /** Problems that only show when fields are read together, each naming its field. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        selection.problems(problems);
        strategy.problems(problems);
        schedule.problems(problems);
        if (orgTimeout.isNegative() || orgTimeout.isZero()) {
            problems.add(new Problem("orgTimeout", "must be positive"));
        }
        return problems;
    }

    /** A problem with a field of the definition. */
    public record Problem(String field, String message) {
    }

    /**
     * Which orgs are considered. Empty sets mean "no filter".
     *
     * @param orgTypes only these org types
     * @param instances only orgs on these Salesforce instances (pods); a name ending in {@code *} is a
     *        prefix, e.g. {@code EU*} (case does not matter)
     * @param installedVersion only orgs whose installed version lies in this range
     * @param orgIds only these orgs (18-character ids)
     * @param excludedOrgIds never these orgs (each is listed as excluded by the campaign)
     * @param timeZones only orgs in these IANA zones; a name ending in {@code /*} is a region, e.g.
     *        {@code Europe/*} (an org whose zone the inventory does not know is in none)
     */
    public record Selection(Set<OrgType> orgTypes, Set<String> instances, VersionRange installedVersion,
            List<String> orgIds, List<String> excludedOrgIds, Set<String> timeZones) {

        public static final Selection ALL = new Selection(Set.of(), Set.of(), null, List.of(), List.of(), Set.of());

        public Selection {
            orgTypes = orgTypes == null ? Set.of() : Set.copyOf(orgTypes);
            instances = instances == null ? Set.of() : Set.copyOf(instances);
            orgIds = orgIds == null ? List.of() : List.copyOf(orgIds);
            excludedOrgIds = excludedOrgIds == null ? List.of() : List.copyOf(excludedOrgIds);
            timeZones = timeZones == null ? Set.of() : Set.copyOf(timeZones);
        }

        /** A selection without time-zone regions. */
        public Selection(Set<OrgType> orgTypes, Set<String> instances, VersionRange installedVersion,
                List<String> orgIds, List<String> excludedOrgIds) {
            this(orgTypes, instances, installedVersion, orgIds, excludedOrgIds, Set.of());
        }

        void problems(List<Problem> problems) {
            for (String instance : instances) {
                if (instance.indexOf('*') >= 0 && instance.indexOf('*') != instance.length() - 1) {
                    problems.add(new Problem("selection.instances", "'" + instance
                            + "': a * may only end a name, as a prefix (EU*)"));
                }
            }
            for (String zone : timeZones) {
                if (!Regions.isZoneOrRegion(zone)) {
                    problems.add(new Problem("selection.timeZones", "'" + zone
                            + "' is neither an IANA time zone (Europe/Berlin) nor a region of them (Europe/*)"));
                }
            }
            if (installedVersion != null) {
                installedVersion.problems("selection.installedVersion", problems);
            }
        }
    }

    /** Installed versions from {@code min} to {@code max}, both inclusive; either may be open. */
    public record VersionRange(String min, String max) {

        void problems(String field, List<Problem> problems) {
            if (min != null && PackageVersionNumber.parseLenient(min).isEmpty()) {
                problems.add(new Problem(field + ".min", "is not a version number like 4.1.0"));
            }
            if (max != null && PackageVersionNumber.parseLenient(max).isEmpty()) {
                problems.add(new Problem(field + ".max", "is not a version number like 4.1.0"));
            }
            if (min != null && max != null && PackageVersionNumber.parseLenient(min).isPresent() && PackageVersionNumber.parseLenient(max).isPresent()
                    && PackageVersionNumber.parseLenient(min).get().compareTo(PackageVersionNumber.parseLenient(max).get()) > 0) {
                problems.add(new Problem(field, "min is above max"));
            }
        }

        public boolean contains(PackageVersionNumber version) {
            return (min == null || PackageVersionNumber.parseLenient(min).orElseThrow().compareTo(version) <= 0)
                    && (max == null || PackageVersionNumber.parseLenient(max).orElseThrow().compareTo(version) >= 0);
        }
    }

    /**
     * How the eligible orgs are split into waves.
     *
     * @param sandboxesFirst all sandboxes form the first wave, before any production org
     * @param canary the first wave of the rest, or null for none
     * @param ramp how the rest is released after the canary
     * @param approvalRequired every wave waits for a person's approval, except a first wave of sandboxes only
     * @param minimumWaveDuration a wave passes no earlier than this after it started (soak time); may be 0
     * @param chronicOrgs where orgs that failed again and again go (default: a last wave, see {@link ChronicOrgs})
     * @param pilotWaves waves of named pilot lists before everything else, in this order; none by default
     */
    public record Strategy(boolean sandboxesFirst, Canary canary, Ramp ramp, boolean approvalRequired,
            Duration minimumWaveDuration, ChronicOrgs chronicOrgs, List<PilotWave> pilotWaves) {

        public static final Strategy ALL_AT_ONCE = new Strategy(false, null, Ramp.SINGLE, false, Duration.ZERO);

        public Strategy {
            ramp = ramp == null ? Ramp.SINGLE : ramp;
            minimumWaveDuration = minimumWaveDuration == null ? Duration.ZERO : minimumWaveDuration;
            chronicOrgs = chronicOrgs == null ? ChronicOrgs.DEFAULT : chronicOrgs;
            pilotWaves = pilotWaves == null ? List.of() : List.copyOf(pilotWaves);
        }

        /** A strategy with the default handling of chronic orgs and no pilot waves. */
        public Strategy(boolean sandboxesFirst, Canary canary, Ramp ramp, boolean approvalRequired,
                Duration minimumWaveDuration) {
            this(sandboxesFirst, canary, ramp, approvalRequired, minimumWaveDuration, null, null);
        }

        /** The same strategy with another soak time. */
        public Strategy withMinimumWaveDuration(Duration soak) {
            return new Strategy(sandboxesFirst, canary, ramp, approvalRequired, soak, chronicOrgs, pilotWaves);
        }

        void problems(List<Problem> problems) {
            if (canary != null) {
                canary.problems(problems);
            }
            ramp.problems(problems);
            if (ramp.type() == RampType.DOUBLING && canary == null) {
                problems.add(new Problem("strategy.ramp.type", "a doubling ramp doubles the canary: give a canary"));
            }
            if (minimumWaveDuration.isNegative()) {
                problems.add(new Problem("strategy.minimumWaveDuration", "cannot be negative"));
            }
            PilotWave.problems(pilotWaves, problems);
        }
    }

    /** The canary's size: a count of orgs or a percentage of the production orgs; exactly one. */
    public record Canary(Integer count, BigDecimal percent) {

        void problems(List<Problem> problems) {
            if ((count == null) == (percent == null)) {
                problems.add(new Problem("strategy.canary", "give either count or percent"));
            }
            if (count != null && count < 1) {
                problems.add(new Problem("strategy.canary.count", "must be at least 1"));
            }
            if (percent != null && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
                problems.add(new Problem("strategy.canary.percent", "must be above 0 and at most 100"));
            }
        }
    }

    /**
     * How the orgs after the canary are released.
     *
     * @param type SINGLE (the rest in one wave), DOUBLING (each wave twice the previous) or
     *             PERCENTAGES (waves end at the given cumulative percentages of the production orgs)
     * @param percentages for PERCENTAGES: strictly increasing, above 0, at most 100; a final 100 is implied
     */
    public record Ramp(RampType type, List<BigDecimal> percentages) {

        public static final Ramp SINGLE = new Ramp(RampType.SINGLE, List.of());

        public Ramp {
            Objects.requireNonNull(type, "type");
            percentages = percentages == null ? List.of() : List.copyOf(percentages);
        }

        void problems(List<Problem> problems) {
            if (type == RampType.PERCENTAGES) {
                if (percentages.isEmpty()) {
                    problems.add(new Problem("strategy.ramp.percentages", "give at least one percentage"));
                }
                BigDecimal previous = BigDecimal.ZERO;
                for (BigDecimal p : percentages) {
                    if (p == null || p.compareTo(previous) <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                        problems.add(new Problem("strategy.ramp.percentages",
                                "must increase strictly, each above 0 and at most 100"));
                        break;
                    }
                    previous = p;
                }
            } else if (!percentages.isEmpty()) {
                problems.add(new Problem("strategy.ramp.percentages", "only a PERCENTAGES ramp takes percentages"));
            }
        }
    }

    public enum RampType {
        SINGLE, DOUBLING, PERCENTAGES
    }

    /**
     * When the campaign may run, and by when it must be done.
     *
     * @param earliestStart no org's window starts before this (null: as soon as the notice period allows)
     * @param noticePeriod the time between the advance notice and the earliest window
     * @param respectMaintenanceWindows plan each org inside its own maintenance window, in its zone
     * @param blackouts periods in which no window is planned (e.g. quarter end)
     * @param deadline complete by: no org's window ends after it, orgs not upgraded by then end CANCELED
     *        with {@code DeadlinePassed}, and the campaign is watched for the risk of missing it (null: none)
     * @param campaignWindow the ISV's own maintenance window, instead of or within each org's (null: none)
     * @param urgency set for a hotfix or a regulatory update: allows a notice period shorter than the
     *        ISV's minimum, and then the first wave waits for a second person's approval (null: not urgent)
     */
    public record Schedule(Instant earliestStart, Duration noticePeriod, boolean respectMaintenanceWindows,
            List<Blackout> blackouts, Instant deadline, CampaignWindow campaignWindow, Urgency urgency,
            boolean subscriberMayOptOut) {

        public Schedule {
            Objects.requireNonNull(noticePeriod, "noticePeriod");
            blackouts = blackouts == null ? List.of() : List.copyOf(blackouts);
        }

        /**
         * A schedule whose subscribers may move their window but not skip the campaign: skipping is the
         * ISV's choice per campaign ({@code subscriberMayOptOut}), off unless asked for.
         */
        public Schedule(Instant earliestStart, Duration noticePeriod, boolean respectMaintenanceWindows,
                List<Blackout> blackouts, Instant deadline, CampaignWindow campaignWindow, Urgency urgency) {
            this(earliestStart, noticePeriod, respectMaintenanceWindows, blackouts, deadline, campaignWindow, urgency,
                    false);
        }

        /** A schedule without deadline, campaign window or urgency. */
        public Schedule(Instant earliestStart, Duration noticePeriod, boolean respectMaintenanceWindows,
                List<Blackout> blackouts) {
            this(earliestStart, noticePeriod, respectMaintenanceWindows, blackouts, null, null, null);
        }

        /** Whether the campaign is urgent (see {@link Urgency}). */
        public boolean urgent() {
            return urgency != null;
        }

        /**
         * The rules that depend on when the campaign is planned, once: subscribers are told before
         * anything happens, so a campaign planned now may not start before {@code now + noticePeriod};
         * a notice period shorter than the ISV's {@code minimumNotice} needs an urgency; a deadline
         * must leave time after the first start. Empty when all hold; otherwise the problems, for people.
         */
        public List<Problem> noticeProblems(Instant now, Duration minimumNotice) {
            List<Problem> problems = new ArrayList<>();
            Instant noticed = now.plus(noticePeriod);
            if (earliestStart != null && earliestStart.isBefore(noticed)) {
                problems.add(new Problem("schedule.earliestStart", "starts at " + earliestStart
                        + ", before the notice period of " + noticePeriod + " ends at " + noticed
                        + ": subscribers must be told first; choose a later start or a shorter notice period"));
            }
            if (noticePeriod.compareTo(minimumNotice) < 0 && urgency == null) {
                problems.add(new Problem("schedule.noticePeriod", "is " + noticePeriod
                        + ", shorter than the minimum notice period of " + minimumNotice
                        + ": only an urgent campaign (schedule.urgency with a reason, e.g. a hotfix or a regulatory"
                        + " update) may give less notice, and its first wave then waits for a second person's approval"));
            }
            if (deadline != null && !deadline.isAfter(firstStart(now))) {
                problems.add(new Problem("schedule.deadline", "is " + deadline + ", not after the first instant the"
                        + " campaign may start (" + firstStart(now) + ", the earliest start or the end of the notice"
                        + " period): choose a later deadline" + (urgency == null ? ", or a shorter notice period with an urgency" : "")));
            }
            return problems;
        }

        /** The first instant any window may start: the earliest start, but never before the notice period ends. */
        public Instant firstStart(Instant now) {
            Instant noticed = now.plus(noticePeriod);
            return earliestStart != null && earliestStart.isAfter(noticed) ? earliestStart : noticed;
        }

        void problems(List<Problem> problems) {
            if (noticePeriod.isNegative()) {
                problems.add(new Problem("schedule.noticePeriod", "cannot be negative"));
            }
            for (int i = 0; i < blackouts.size(); i++) {
                Blackout b = blackouts.get(i);
                if (!b.end().isAfter(b.start())) {
                    problems.add(new Problem("schedule.blackouts[" + i + "]", "must end after it starts"));
                }
            }
            if (deadline != null && earliestStart != null && !deadline.isAfter(earliestStart)) {
                problems.add(new Problem("schedule.deadline", "must be after the earliest start"));
            }
            if (campaignWindow != null) {
                campaignWindow.problems("schedule.campaignWindow", problems);
                if (!respectMaintenanceWindows && campaignWindow.mode() == CampaignWindow.Mode.WITHIN_ORG_WINDOWS) {
                    problems.add(new Problem("schedule.campaignWindow.mode", "WITHIN_ORG_WINDOWS needs"
                            + " respectMaintenanceWindows; use INSTEAD_OF_ORG_WINDOWS to ignore the orgs' windows"));
                }
            }
            if (urgency != null) {
                urgency.problems("schedule.urgency", problems);
            }
        }
    }

    /** A period in which nobody is upgraded. */
    public record Blackout(Instant start, Instant end, String reason) {

        public Blackout {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    /**
     * How fast commands are released; a null cap means no cap (but see {@link BlastRadius}: a
     * campaign whose gate can halt always gets an in-flight cap).
     *
     * @param maxCommandsPerMinute at most this many commands in any 60 seconds
     * @param maxInFlight at most this many orgs released and not finished
     * @param maxInFlightPerInstance the same, per Salesforce instance
     * @param maxCommandsPerMinutePerInstance at most this many commands in any 60 seconds per Salesforce
     *        instance (a pod's push queue is shared by every ISV on it)
     * @param expectedUpgradeDuration how long an upgrade usually takes: only used to project the
     *        timeline (and so where later waves' windows are planned), never to judge an org
     */
    public record Pacing(Integer maxCommandsPerMinute, Integer maxInFlight, Integer maxInFlightPerInstance,
            Integer maxCommandsPerMinutePerInstance, Duration expectedUpgradeDuration) {

        public static final Duration DEFAULT_EXPECTED_DURATION = Duration.ofMinutes(10);
        public static final Pacing UNLIMITED = new Pacing(null, null, null, null, DEFAULT_EXPECTED_DURATION);

        public Pacing {
            expectedUpgradeDuration = expectedUpgradeDuration == null ? DEFAULT_EXPECTED_DURATION
                    : expectedUpgradeDuration;
            if ((maxCommandsPerMinute != null && maxCommandsPerMinute < 1) || (maxInFlight != null && maxInFlight < 1)
                    || (maxInFlightPerInstance != null && maxInFlightPerInstance < 1)
                    || (maxCommandsPerMinutePerInstance != null && maxCommandsPerMinutePerInstance < 1)) {
                throw new IllegalArgumentException("caps must be at least 1");
            }
        }

        /** The same pacing with {@code maxInFlight} as its in-flight cap. */
        public Pacing withMaxInFlight(Integer cap) {
            return new Pacing(maxCommandsPerMinute, cap, maxInFlightPerInstance, maxCommandsPerMinutePerInstance,
                    expectedUpgradeDuration);
        }
    }
}
