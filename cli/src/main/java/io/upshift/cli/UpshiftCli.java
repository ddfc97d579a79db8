package io.upshift.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code upshift}: the operator's command line over the planner's REST API. Every command reads its
 * URL and API key from a profile ({@code upshift login}), which {@code UPSHIFT_URL} and
 * {@code UPSHIFT_API_KEY} override.
 */
@Command(name = "upshift", mixinStandardHelpOptions = true, version = "upshift-cli 0.1.0",
        description = "Safe, paced push upgrades of Salesforce managed packages, from the command line.",
        subcommands = {LoginCommand.class, InventoryCommands.Packages.class, InventoryCommands.Versions.class,
                InventoryCommands.Orgs.class, CampaignCommands.class, CommandLine.HelpCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Profiles: $XDG_CONFIG_HOME/upshift/config (default ~/.config/upshift/config), written by"
                + " `upshift login`; UPSHIFT_URL, UPSHIFT_API_KEY and UPSHIFT_PROFILE override it.", "", ExitCode.HELP})
public final class UpshiftCli implements Callable<Integer> {

    /** How results are printed: tables for people, the API's JSON for scripts. */
    enum Output { table, json }

    /**
     * What the CLI touches of the world, so that tests run it in-process: the environment variables, the
     * terminal's streams and whether stdout is one, and how often {@code watch} polls.
     */
    public record Environment(Map<String, String> variables, PrintWriter out, PrintWriter err, boolean terminal,
            Duration pollInterval) {

        static Environment system() {
            return new Environment(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                    Terminal.isTerminal(), Duration.ofSeconds(2));
        }
    }

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The profile to use (default: $UPSHIFT_PROFILE, else 'default').")
    String profile;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json: the API's answer as is, for scripts.")
    Output output;

    @CommandLine.Spec
    CommandSpec spec;

    final Environment env;

    UpshiftCli(Environment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, Environment.system()));
    }

    /** Runs one command line and returns its exit code ({@link ExitCode}). */
    public static int run(String[] args, Environment env) {
        CommandLine cli = new CommandLine(new UpshiftCli(env));
        cli.setOut(env.out()).setErr(env.err()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CliException failure) {
                env.err().println("upshift: " + failure.getMessage());
                env.err().flush();
                return failure.exitCode();
            }
            env.err().println("upshift: " + e);
            env.err().flush();
            return ExitCode.API_FAILED;
        });
        int code = cli.execute(args);
        env.out().flush();
        env.err().flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(env.out());
        return ExitCode.USAGE;
    }

    /** The profile in force: --profile, else UPSHIFT_PROFILE, else 'default'. */
    String profileName() {
        if (profile != null) {
            return profile;
        }
        String fromEnv = env.variables().get("UPSHIFT_PROFILE");
        return fromEnv == null || fromEnv.isBlank() ? Profiles.DEFAULT : fromEnv;
    }

    Profiles profiles() {
        return new Profiles(Profiles.location(env.variables()));
    }

    /** A client for the profile in force, the environment overriding it; exit 2 when neither gives a URL and key. */
    Api api() {
        Profiles.Profile stored = profiles().read().get(profileName());
        String url = firstOf(env.variables().get("UPSHIFT_URL"), stored == null ? null : stored.url());
        String key = firstOf(env.variables().get("UPSHIFT_API_KEY"), stored == null ? null : stored.apiKey());
        if (url == null || key == null) {
            throw new CliException(ExitCode.USAGE, "no " + (url == null ? "URL" : "API key") + " for profile '"
                    + profileName() + "': run `upshift login --url URL --api-key KEY` or set UPSHIFT_URL and UPSHIFT_API_KEY");
        }
        return new Api(url, key);
    }

    boolean json() {
        return output == Output.json;
    }

    PrintWriter out() {
        return env.out();
    }

    /** Prints the API's JSON as is (pretty), for {@code --output json}. */
    void printJson(Object value) {
        env.out().println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    /** The root command of any subcommand, for the shared options and the environment. */
    static UpshiftCli root(CommandSpec spec) {
        return (UpshiftCli) spec.root().userObject();
    }
}
