package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code campaign create} from flags: the same body as a campaign file, checked by the same rules, before any call. */
class CampaignFlagsTest {

    private static CampaignFlags flags(String... args) {
        return CommandLine.populateCommand(new CampaignFlags(), args);
    }

    private static Object json(CampaignDefinition definition) {
        return Api.JSON.valueToTree(definition.body());
    }

    @Test
    void theFlagsBuildTheBodyTheSameCampaignFileGives() {
        CampaignFlags flags = flags("--name", "Acme Billing 4.2.2 hotfix EU44", "--package", "033Up0000000001",
                "--version", "4.2.2", "--instance", "EU44", "--org-type", "PRODUCTION,SANDBOX", "--installed-min", "4.0.0",
                "--sandboxes-first", "--canary-percent", "5", "--ramp", "25,50,100", "--approval-required",
                "--minimum-wave-duration", "1h", "--notice", "24h", "--deadline", "2026-12-09T06:00:00Z",
                "--urgent", "CVE-2026-1234", "--max-in-flight", "20", "--max-per-minute", "60", "--expected-upgrade", "PT10M",
                "--threshold", "2", "--minimum-finished", "20", "--org-timeout", "PT4H", "--support-contact", "support@acme.example");
        CampaignDefinition fromFile = CampaignFile.parse("hotfix.yaml", """
                name: Acme Billing 4.2.2 hotfix EU44
                packageId: 033Up0000000001
                targetVersion: 4.2.2
                selection:
                  orgTypes: [PRODUCTION, SANDBOX]
                  instances: [EU44]
                  installedVersion: {min: 4.0.0}
                strategy:
                  sandboxesFirst: true
                  canary: {percent: 5}
                  ramp: {type: PERCENTAGES, percentages: [25, 50, 100]}
                  approvalRequired: true
                  minimumWaveDuration: PT1H
                schedule:
                  noticePeriod: PT24H
                  deadline: 2026-12-09T06:00:00Z
                  urgency: {reason: CVE-2026-1234}
                pacing:
                  maxCommandsPerMinute: 60
                  maxInFlight: 20
                  expectedUpgradeDuration: PT10M
                gate:
                  failureThresholdPercent: 2
                  minimumFinished: 20
                orgTimeout: PT4H
                supportContact: support@acme.example
                """);

        CampaignFile campaign = flags.toCampaign();

        assertThat(json(campaign.definition())).isEqualTo(json(fromFile));
        assertThat(campaign.orgFile()).isNull();
    }

    @Test
    void theFewestFlagsLeaveEverythingElseToThePlannersDefaults() {
        CampaignDefinition definition = flags("--name", "n", "--package", "033Up0000000001", "--version", "4.2.1",
                "--ramp", "single").toCampaign().definition();

        assertThat(Api.JSON.writeValueAsString(definition.body())).isEqualTo(
                "{\"name\":\"n\",\"packageId\":\"033Up0000000001\",\"targetVersion\":\"4.2.1\",\"strategy\":{\"ramp\":{\"type\":\"SINGLE\"}}}");
    }

    @Test
    void badFlagsAreRefusedNamingTheFieldBeforeAnyCall() {
        Result result = run("campaign", "create", "--name", "n", "--package", "033Up0000000001", "--version", "4.2.1",
                "--canary-percent", "150", "--notice", "soon");

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("strategy.canary.percent").contains("--notice: 'soon' is not a duration");
    }

    @Test
    void aFileAndFlagsTogetherOrNeitherAreUsageErrors() {
        assertThat(run("campaign", "create", "release.yaml", "--canary-percent", "5").err()).contains("not both");
        assertThat(run("campaign", "create").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run("campaign", "create", "--name", "n").err()).contains("packageId: must not be blank");
    }

    @Test
    void versionIsTheTargetVersionOnCreateAndTheCliVersionAtTheRoot() {
        assertThat(flags("--version", "4.2.1").definition(new ArrayList<>()).targetVersion()).isEqualTo("4.2.1");
        assertThat(run("--version").out()).contains("upshift-cli");
    }

    @Test
    void shortDurationsAreAccepted() {
        assertThat(CampaignFlags.duration(new ArrayList<>(), "--notice", "3d")).isEqualTo(Duration.ofDays(3));
        assertThat(CampaignFlags.duration(new ArrayList<>(), "--notice", "P3D")).isEqualTo(Duration.ofDays(3));
    }

    record Result(int code, String out, String err) {
    }

    /** The CLI against a planner that is not there: a flag problem must end it before any connection (exit 3). */
    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>();
        env.put("UPSHIFT_URL", "http://127.0.0.1:9");
        env.put("UPSHIFT_API_KEY", "upshift_test");
        env.put("XDG_CONFIG_HOME", System.getProperty("java.io.tmpdir") + "/upshift-flags-test");
        int code = UpshiftCli.run(args, new UpshiftCli.Environment(env, new PrintWriter(out), new PrintWriter(err),
                false, Duration.ofMillis(10)));
        return new Result(code, out.toString(), err.toString());
    }
}
