package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBasicsTest {

    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> variables = new HashMap<>(env);
        variables.putIfAbsent("XDG_CONFIG_HOME", home.toString());
        int code = UpshiftCli.run(args, new UpshiftCli.Environment(variables, new PrintWriter(out), new PrintWriter(err),
                false, Duration.ofMillis(10)));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aProblemDetailIsOneLineWithTitleDetailAndFieldErrors() {
        var problem = Api.JSON.readTree("""
                {"type":"https://upshift.io/problems/validation","title":"Invalid request","status":400,
                 "detail":"2 fields are invalid","errors":[{"field":"strategy.canary.percent","message":"must be at most 100"},
                 {"field":"name","message":"must not be blank"}]}""");

        assertThat(Problems.line(400, problem, null)).isEqualTo(
                "Invalid request (400): 2 fields are invalid — strategy.canary.percent: must be at most 100; name: must not be blank");
    }

    @Test
    void aSingleFieldErrorIsNotSaidTwice() {
        var problem = Api.JSON.readTree("""
                {"title":"Invalid request","status":400,"detail":"name: must not be blank",
                 "errors":[{"field":"name","message":"must not be blank"}]}""");

        assertThat(Problems.line(400, problem, null)).isEqualTo("Invalid request (400): name: must not be blank");
    }

    @Test
    void importLineErrorsReadAsLines() {
        var problem = Api.JSON.readTree("""
                {"title":"Import rejected","status":422,"detail":"1 of 3 rows rejected",
                 "errors":[{"line":3,"column":"org_id","reason":"is not an org id"}]}""");

        assertThat(Problems.line(422, problem, null)).endsWith("— line 3, org_id: is not an org id");
    }

    @Test
    void a401MeansExit4AndSaysWhatToDo() {
        CliException e = Api.failure(401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"no valid API key\"}".getBytes());

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("Unauthorized (401): no valid API key").contains("upshift login");
        assertThat(Api.failure(403, "{}".getBytes()).exitCode()).isEqualTo(ExitCode.UNAUTHORIZED);
        assertThat(Api.failure(409, "{}".getBytes()).exitCode()).isEqualTo(ExitCode.API_FAILED);
        assertThat(Api.failure(502, "<html>bad gateway</html>".getBytes()).getMessage()).isEqualTo("HTTP 502: <html>bad gateway</html>");
    }

    @Test
    void profilesAreWrittenMode600AndTheEnvironmentOverridesThem() throws Exception {
        Profiles profiles = new Profiles(Profiles.location(Map.of("XDG_CONFIG_HOME", home.toString())));
        profiles.save("default", new Profiles.Profile("http://a.example", "key-a"));
        profiles.save("staging", new Profiles.Profile("http://b.example", "key-b"));

        Path file = home.resolve("upshift/config");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(profiles.read()).containsEntry("default", new Profiles.Profile("http://a.example", "key-a"))
                .containsEntry("staging", new Profiles.Profile("http://b.example", "key-b"));

        // UPSHIFT_URL beats the profile: nothing listens on port 9, so the CLI says it cannot connect (exit 3)
        Run run = run(Map.of("UPSHIFT_URL", "http://127.0.0.1:9"), "--profile", "staging", "packages");
        assertThat(run.code()).isEqualTo(ExitCode.CANNOT_CONNECT);
        assertThat(run.err()).contains("cannot connect to http://127.0.0.1:9");
    }

    @Test
    void withoutAProfileTheCommandSaysHowToLogIn() {
        Run run = run(Map.of(), "campaign", "list");

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("no URL for profile 'default': run `upshift login");
    }

    @Test
    void badUsageIsExit2AndHelpListsTheExitCodes() {
        assertThat(run(Map.of(), "campaign", "watch").code()).isEqualTo(ExitCode.USAGE);
        assertThat(run(Map.of(), "campaign", "nonsense").code()).isEqualTo(ExitCode.USAGE);

        Run help = run(Map.of(), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("10  watch: the campaign HALTED").contains("4   unauthorized");
    }

    @Test
    void generatesABashAndZshCompletionScriptForEveryCommand() {
        Run completion = run(Map.of(), "generate-completion");
        assertThat(completion.code()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("retry-failed").contains("generate-completion");
    }

    @Test
    void aBadCampaignFileIsExit2BeforeAnythingIsSent() throws Exception {
        Path file = home.resolve("c.yaml");
        Files.writeString(file, CampaignFileTest.MINIMAL + "strategy: {canary: {percent: 150}}\n");

        Run run = run(Map.of("UPSHIFT_URL", "http://127.0.0.1:9", "UPSHIFT_API_KEY", "k"), "campaign", "apply", file.toString());

        assertThat(run.code()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("strategy.canary.percent: must be above 0 and at most 100");
    }

    @Test
    void csvRecordsWithQuotesCommasAndLineBreaksAreRead() throws Exception {
        var reader = new java.io.BufferedReader(new java.io.StringReader(
                "a,b,c\r\n00D1,\"Acme, Inc\",\"said \"\"no\"\"\nthen left\"\r\n"));

        assertThat(ReportCommand.Csv.next(reader)).containsExactly("a", "b", "c");
        assertThat(ReportCommand.Csv.next(reader)).containsExactly("00D1", "Acme, Inc", "said \"no\"\nthen left");
        assertThat(ReportCommand.Csv.next(reader)).isNull();
    }
}
