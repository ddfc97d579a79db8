package io.upshift.cli;

import io.upshift.cli.CampaignDefinition.Canary;
import io.upshift.cli.CampaignDefinition.Gate;
import io.upshift.cli.CampaignDefinition.OrgType;
import io.upshift.cli.CampaignDefinition.Pacing;
import io.upshift.cli.CampaignDefinition.Ramp;
import io.upshift.cli.CampaignDefinition.RampType;
import io.upshift.cli.CampaignDefinition.Schedule;
import io.upshift.cli.CampaignDefinition.Selection;
import io.upshift.cli.CampaignDefinition.Strategy;
import io.upshift.cli.CampaignDefinition.Urgency;
import io.upshift.cli.CampaignDefinition.VersionRange;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code campaign create --name … --package … --version …}: a campaign from flags, for a one-off in a
 * terminal. The flags build the same {@link CampaignDefinition} a campaign file binds to, checked by the
 * same {@link CampaignRules} (problems name the file's fields, e.g. {@code strategy.canary.percent}),
 * so a campaign that outgrows its flags becomes a file without surprises. What has no flag here
 * (blackouts, a campaign window) needs a file.
 */
final class CampaignFlags {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhd])");

    @Option(names = "--name", description = "The campaign's name.")
    String name;

    @Option(names = "--package", paramLabel = "ID", description = "The package id (033…, 15 or 18 characters).")
    String packageId;

    @Option(names = "--version", paramLabel = "VERSION", description = "The target version, e.g. 4.2.1.")
    String targetVersion;

    @Option(names = "--org-type", paramLabel = "TYPE", split = ",", description = "Only these org types: PRODUCTION, SANDBOX.")
    List<OrgType> orgTypes;

    @Option(names = "--instance", paramLabel = "POD", split = ",", description = "Only orgs on these instances (NA135, EU4*).")
    List<String> instances;

    @Option(names = "--time-zone", paramLabel = "ZONE", split = ",", description = "Only orgs in these time zones or regions (Europe/*).")
    List<String> timeZones;

    @Option(names = "--installed-min", paramLabel = "VERSION", description = "Only orgs with at least this version installed.")
    String installedMin;

    @Option(names = "--installed-max", paramLabel = "VERSION", description = "Only orgs with at most this version installed.")
    String installedMax;

    @Option(names = "--org", paramLabel = "ORG_ID", split = ",", description = "Only these orgs.")
    List<String> orgIds;

    @Option(names = "--exclude-org", paramLabel = "ORG_ID", split = ",", description = "Never these orgs.")
    List<String> excludedOrgIds;

    @Option(names = "--org-file", paramLabel = "FILE", description = "Only the orgs of this org file or headered CSV (uploaded after the draft is created).")
    Path orgFile;

    @Option(names = "--sandboxes-first", negatable = true, description = "Sandboxes in a wave of their own before production (default: no).")
    Boolean sandboxesFirst;

    @Option(names = "--canary-percent", paramLabel = "PERCENT", description = "A canary wave of this share of the production orgs.")
    BigDecimal canaryPercent;

    @Option(names = "--canary-count", paramLabel = "N", description = "A canary wave of this many production orgs.")
    Integer canaryCount;

    @Option(names = "--ramp", paramLabel = "RAMP",
            description = "After the canary: single (one wave), doubling, or the waves' cumulative percentages (25,50,100).")
    String ramp;

    @Option(names = "--approval-required", negatable = true, description = "Production waves wait for an APPROVER (default: no).")
    Boolean approvalRequired;

    @Option(names = "--minimum-wave-duration", paramLabel = "DURATION", description = "Soak time before a wave may pass (PT1H or 1h).")
    String minimumWaveDuration;

    @Option(names = "--earliest-start", paramLabel = "INSTANT", description = "Not before (2026-12-07T02:00:00Z).")
    String earliestStart;

    @Option(names = "--notice", paramLabel = "DURATION", description = "The notice period (P3D, PT24H or 3d, 24h); default: the planner's.")
    String notice;

    @Option(names = "--ignore-maintenance-windows", description = "Push outside the orgs' maintenance windows.")
    boolean ignoreMaintenanceWindows;

    @Option(names = "--deadline", paramLabel = "INSTANT", description = "Complete by (2026-12-09T06:00:00Z): no window ends after it.")
    String deadline;

    @Option(names = "--urgent", paramLabel = "REASON", description = "An urgent campaign, and why: the first wave waits for a second person.")
    String urgency;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "At most N orgs upgrading at once.")
    Integer maxInFlight;

    @Option(names = "--max-in-flight-per-instance", paramLabel = "N", description = "At most N per instance (pod).")
    Integer maxInFlightPerInstance;

    @Option(names = "--max-per-minute", paramLabel = "N", description = "At most N pushes started a minute.")
    Integer maxCommandsPerMinute;

    @Option(names = "--expected-upgrade", paramLabel = "DURATION", description = "How long one org's upgrade takes (default PT10M).")
    String expectedUpgradeDuration;

    @Option(names = "--threshold", paramLabel = "PERCENT", description = "The gate halts a wave above this failure rate (default 5).")
    BigDecimal failureThresholdPercent;

    @Option(names = "--minimum-finished", paramLabel = "N", description = "…once this many of its orgs have finished (default 10).")
    Integer minimumFinished;

    @Option(names = "--org-timeout", paramLabel = "DURATION", description = "An org's upgrade times out after this (default PT4H).")
    String orgTimeout;

    @Option(names = "--support-contact", paramLabel = "CONTACT", description = "Who subscribers may ask (in the notices).")
    String supportContact;

    /** Whether any flag of a definition was given (a FILE and flags together are a usage error). */
    boolean any() {
        return !definition(new ArrayList<>()).equals(new CampaignDefinition(null, null, null, null, null, null, null, null, null, null))
                || orgFile != null;
    }

    /** The definition the flags give, checked as a campaign file is; exit 2 naming each problem. */
    CampaignFile toCampaign() {
        List<String> problems = new ArrayList<>();
        CampaignDefinition definition = definition(problems);
        problems.addAll(CampaignRules.problems(definition));
        Path file = orgFile == null ? null : orgFile.toAbsolutePath().normalize();
        if (file != null && !Files.isRegularFile(file)) {
            problems.add("--org-file: " + file + " is not a file");
        }
        if (!problems.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "the flags do not give a valid campaign: " + String.join("; ", problems));
        }
        return new CampaignFile(null, definition, file);
    }

    /** The flags as a definition; values that do not parse are added to {@code problems}. */
    CampaignDefinition definition(List<String> problems) {
        Selection selection = orgTypes == null && instances == null && timeZones == null && installedMin == null
                && installedMax == null && orgIds == null && excludedOrgIds == null ? null
                : new Selection(set(orgTypes), set(instances), installedMin == null && installedMax == null ? null
                        : new VersionRange(installedMin, installedMax), orgIds, excludedOrgIds, set(timeZones), null);
        Canary canary = canaryPercent == null && canaryCount == null ? null : new Canary(canaryCount, canaryPercent);
        Duration soak = duration(problems, "--minimum-wave-duration", minimumWaveDuration);
        Strategy strategy = sandboxesFirst == null && canary == null && ramp == null && approvalRequired == null && soak == null
                ? null : new Strategy(sandboxesFirst, canary, ramp(problems), approvalRequired, soak);
        Duration noticePeriod = duration(problems, "--notice", notice);
        Instant start = instant(problems, "--earliest-start", earliestStart);
        Instant by = instant(problems, "--deadline", deadline);
        Schedule schedule = start == null && noticePeriod == null && !ignoreMaintenanceWindows && by == null && urgency == null
                ? null : new Schedule(start, noticePeriod, ignoreMaintenanceWindows ? Boolean.FALSE : null, null, by, null,
                        urgency == null ? null : new Urgency(urgency), null);
        Duration expected = duration(problems, "--expected-upgrade", expectedUpgradeDuration);
        Pacing pacing = maxCommandsPerMinute == null && maxInFlight == null && maxInFlightPerInstance == null && expected == null
                ? null : new Pacing(maxCommandsPerMinute, maxInFlight, maxInFlightPerInstance, null, expected);
        Gate gate = failureThresholdPercent == null && minimumFinished == null ? null
                : new Gate(failureThresholdPercent, minimumFinished, null);
        return new CampaignDefinition(name, packageId, targetVersion, selection, strategy, schedule, pacing, gate,
                duration(problems, "--org-timeout", orgTimeout), supportContact);
    }

    private Ramp ramp(List<String> problems) {
        if (ramp == null) {
            return null;
        }
        String value = ramp.strip().toUpperCase(Locale.ROOT);
        if (value.equals("SINGLE") || value.equals("DOUBLING")) {
            return new Ramp(RampType.valueOf(value), null);
        }
        List<BigDecimal> percentages = new ArrayList<>();
        for (String part : value.split(",")) {
            try {
                percentages.add(new BigDecimal(part.strip().replace("%", "")));
            } catch (NumberFormatException e) {
                problems.add("--ramp: '" + ramp + "' is not single, doubling or percentages like 25,50,100");
                return null;
            }
        }
        return new Ramp(RampType.PERCENTAGES, percentages);
    }

    /** ISO-8601 (PT24H, P3D) or the short forms 90s, 30m, 24h, 3d. */
    static Duration duration(List<String> problems, String flag, String value) {
        if (value == null) {
            return null;
        }
        Matcher shortForm = SHORT_DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(flag + ": '" + value + "' is not a duration (PT24H, P3D, or 90s, 30m, 24h, 3d)");
            return null;
        }
    }

    private static Instant instant(List<String> problems, String flag, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(flag + ": '" + value + "' is not an instant with a zone (2026-12-07T02:00:00Z)");
            return null;
        }
    }

    private static <T> Set<T> set(List<T> values) {
        return values == null ? null : new LinkedHashSet<>(values);
    }
}
