package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.demo.ApiClient;
import io.upshift.demo.DemoScenario;
import io.upshift.demo.LocalUpshift;
import io.upshift.devstack.DevStack;
import io.upshift.fleet.generator.FleetCsv;
import io.upshift.fleet.generator.FleetGenerator;
import io.upshift.fleet.generator.FleetOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CLI against the embedded stack (planner and an executor in one JVM, compressed time as the demo
 * runs it): login, import, apply, preview, schedule and watch a campaign to COMPLETED (exit 0); a bad
 * release in one pod that the gate halts (watch exits 10); apply twice changes nothing; a bad file and a
 * wrong key fail with a clear line and their exit codes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    /** Every production org on this pod fails its Apex tests: the bad release. */
    static final String BAD_POD = "AP27";
    static final List<String> VERSIONS = List.of("3.9.7", "4.0.3", "4.1.0", "4.1.2", "4.2.0", "4.2.1");

    static LocalUpshift upshift;
    static String packageId;
    static String key;
    static Path dir;
    static String goodId;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("upshift-cli-it");
        DemoScenario.Options options = DemoScenario.Options.defaults().withSeed(5).withRun(880);
        Map<String, String> executor = new LinkedHashMap<>();
        // no random failures: the good campaign must complete; the bad pod fails every production push
        executor.put("upshift.executor.simulated.failures.fleet.LockingFailure", "0");
        executor.put("upshift.executor.simulated.failures.fleet.ApexTestFailure", "0");
        executor.put("upshift.executor.simulated.failures.unavailable-rate", "0");
        executor.put("upshift.executor.simulated.failures.instances." + BAD_POD + ".ApexTestFailure", "1.0");
        upshift = LocalUpshift.start(DevStack.shared(),
                DemoScenario.settings(options, 1).withDatabase("cli").withoutNotifier().withExecutor(executor));
        ApiClient admin = upshift.plannerAsAdmin();
        key = admin.createKey("cli-it", "ADMIN", "OPERATOR");
        packageId = options.packageId();
        admin.post("/api/v1/packages", Map.of("packageId", packageId, "name", "Acme Billing", "namespace", "acme"));
        for (int i = 0; i < VERSIONS.size(); i++) {
            admin.post("/api/v1/packages/" + packageId + "/versions", Map.of("versionId",
                    String.format("04tUp%08d%02d", options.run(), i), "version", VERSIONS.get(i), "releaseState", "RELEASED"));
        }
        FleetCsv.write(new FleetGenerator(FleetOptions.defaults(600, 5).withWindowMode(FleetOptions.WindowMode.ALWAYS_OPEN))
                .stream(), dir.resolve("fleet.csv"));
    }

    @AfterAll
    static void stop() {
        if (upshift != null) {
            upshift.close();
        }
    }

    static Run cli(String... args) {
        return cli(Map.of(), args);
    }

    static Run cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> variables = new HashMap<>(env);
        variables.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        int code = UpshiftCli.run(args, new UpshiftCli.Environment(variables, new PrintWriter(out), new PrintWriter(err),
                false, Duration.ofMillis(500)));
        System.out.printf("$ upshift %s → %d%n%s%s", String.join(" ", args), code, out, err);
        return new Run(code, out.toString(), err.toString());
    }

    static Path file(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml.formatted(packageId));
    }

    static final String GOOD = """
            name: CLI good release
            packageId: %s
            targetVersion: 4.2.1
            selection:
              instances: [NA135, NA174, NA211, USA204, USA416, CS42, CS91, CS170]
            strategy:
              sandboxesFirst: true
              canary: {percent: 10}
              ramp: {type: DOUBLING}
            schedule:
              noticePeriod: PT5S
            pacing:
              maxInFlight: 50
              expectedUpgradeDuration: PT2S
            gate:
              failureThresholdPercent: 10
              minimumFinished: 5
            orgTimeout: PT2M
            """;

    @Test
    @Order(1)
    void aWrongKeyIsExit4WithAClearLineAndNothingIsSaved() {
        Run run = cli("login", "--url", upshift.plannerUrl(), "--api-key", "not-a-key");

        assertThat(run.code()).isEqualTo(ExitCode.UNAUTHORIZED);
        assertThat(run.err()).startsWith("upshift: unauthorized: ").contains("(401)").contains("upshift login");
        assertThat(dir.resolve("config/upshift/config")).doesNotExist();
        assertThat(cli(Map.of("UPSHIFT_URL", upshift.plannerUrl(), "UPSHIFT_API_KEY", "wrong"), "packages").code())
                .isEqualTo(ExitCode.UNAUTHORIZED);
    }

    @Test
    @Order(2)
    void loginSavesAProfileOnlyItsOwnerReads() throws Exception {
        Run run = cli("login", "--url", upshift.plannerUrl(), "--api-key", key);

        assertThat(run.code()).isZero();
        Path config = dir.resolve("config/upshift/config");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(cli("packages").out()).contains(packageId);
        assertThat(cli("versions", packageId).out()).contains("4.2.1");
    }

    @Test
    @Order(3)
    void importThenApplyTwiceIsANoOpAndAChangeIsAPut() throws Exception {
        Run imported = cli("orgs", "import", packageId, dir.resolve("fleet.csv").toString());
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).contains("600 rows, 600 inserted");

        Path good = file("good.yaml", GOOD);
        Run created = cli("campaign", "apply", good.toString());
        assertThat(created.code()).isZero();
        assertThat(created.out()).startsWith("created: DRAFT campaign");
        goodId = created.out().split(" ")[3];

        Run again = cli("campaign", "apply", good.toString());
        assertThat(again.code()).isZero();
        String version = created.out().substring(created.out().indexOf("(version"), created.out().indexOf(")") + 1);
        assertThat(again.out()).startsWith("unchanged: DRAFT campaign " + goodId).contains(version);
        assertThat(cli("campaign", "diff", good.toString()).out()).startsWith("No differences");

        Path changed = file("good.yaml", GOOD.replace("minimumFinished: 5", "minimumFinished: 6"));
        assertThat(cli("campaign", "diff", changed.toString()).out()).containsPattern("gate\\.minimumFinished\\s+5\\s+6");
        Run updated = cli("campaign", "apply", changed.toString());
        assertThat(updated.out()).startsWith("updated: DRAFT campaign " + goodId).contains("gate.minimumFinished: 5 → 6");
        assertThat(cli("campaign", "apply", changed.toString()).out()).startsWith("unchanged");
    }

    @Test
    @Order(4)
    void aBadFileNamesTheFieldLocallyOrAsTheApiRefusesIt() throws Exception {
        Run local = cli("campaign", "apply", file("bad.yaml", GOOD.replace("percent: 10", "percent: 150")).toString());
        assertThat(local.code()).isEqualTo(ExitCode.USAGE);
        assertThat(local.err()).contains("strategy.canary.percent: must be above 0 and at most 100");

        Run unknown = cli("campaign", "apply", file("typo.yaml", GOOD.replace("sandboxesFirst", "sandboxFirst")).toString());
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("strategy.sandboxFirst: unknown field");

        // valid as a file, refused by the planner: the version is not in its catalogue
        Run refused = cli("campaign", "create", file("nover.yaml", GOOD.replace("4.2.1", "9.9.9")
                .replace("CLI good release", "CLI no such version")).toString());
        assertThat(refused.code()).isEqualTo(ExitCode.API_FAILED);
        assertThat(refused.err()).startsWith("upshift: ").contains("9.9.9").doesNotContain("\n  at ");
    }

    @Test
    @Order(5)
    void previewScheduleAndWatchToTheEndExit0() {
        Run preview = cli("campaign", "preview", goodId);
        assertThat(preview.code()).isZero();
        assertThat(preview.out()).contains("eligible").contains("SANDBOX").contains("CANARY").contains("blast radius: at most");

        assertThat(cli("campaign", "schedule", goodId).code()).isZero();
        Run watch = cli("campaign", "watch", goodId);
        assertThat(watch.code()).isZero();
        assertThat(watch.out()).contains("wave 1").endsWith("campaign " + goodId + " COMPLETED\n");

        Run report = cli("campaign", "report", goodId);
        assertThat(report.code()).isZero();
        assertThat(report.out()).contains("SUCCEEDED").contains("no org failed or timed out");
        assertThat(cli("campaign", "list", "--package", packageId).out()).contains(goodId).contains("COMPLETED");
    }

    @Test
    @Order(6)
    void aBadReleaseHaltsAndWatchExits10WithEveryFailureInTheReport() throws Exception {
        Path bad = file("bad-release.yaml", """
                name: CLI bad release
                packageId: %s
                targetVersion: 4.2.1
                selection: {instances: [AP27], orgTypes: [PRODUCTION]}
                strategy: {canary: {count: 3}, ramp: {type: SINGLE}}
                schedule: {noticePeriod: PT5S}
                pacing: {maxInFlight: 3, expectedUpgradeDuration: PT2S}
                gate: {failureThresholdPercent: 10, minimumFinished: 3}
                orgTimeout: PT2M
                """);
        Run applied = cli("campaign", "apply", bad.toString());
        String id = applied.out().split(" ")[3];
        assertThat(cli("campaign", "schedule", id).code()).isZero();

        Run watch = cli("campaign", "watch", id);
        assertThat(watch.code()).isEqualTo(ExitCode.HALTED);
        assertThat(watch.out()).contains("HALTED");

        Run report = cli("campaign", "report", id);
        assertThat(report.out()).contains("3 failed or timed out").contains(BAD_POD);
        Path csv = dir.resolve("results.csv");
        assertThat(cli("campaign", "report", id, "--csv", csv.toString()).code()).isZero();
        assertThat(Files.readAllLines(csv).getFirst()).startsWith("org_id,org_name");
        String failedOrg = Files.readAllLines(csv).stream().filter(l -> l.contains(",FAILED,")).findFirst().orElseThrow()
                .split(",")[0];
        assertThat(cli("orgs", "show", failedOrg).out()).contains("CLI bad release").contains("FAILED");

        assertThat(cli("campaign", "cancel", id, "--reason", "bad release").code()).isZero();
        assertThat(cli("campaign", "watch", id).code()).isEqualTo(ExitCode.CANCELED);
    }
}
