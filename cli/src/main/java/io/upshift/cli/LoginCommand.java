package io.upshift.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks a URL and API key against the planner and saves them as a profile (file mode 600). */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Check an API key against the planner and save it as a profile (file mode 600).")
final class LoginCommand implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The planner's base URL, e.g. http://localhost:8080")
    String url;

    @Option(names = "--api-key", required = true, paramLabel = "KEY", description = "An API key (X-API-Key) made by an admin.")
    String apiKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        UpshiftCli cli = UpshiftCli.root(spec);
        Api api = new Api(url, apiKey);
        // any role may read: a key that lists packages is a key the planner accepts
        int packages = api.getJson("/api/v1/packages").path("items").size();
        Profiles profiles = cli.profiles();
        profiles.save(cli.profileName(), new Profiles.Profile(api.baseUrl(), apiKey));
        cli.out().printf("Logged in to %s (%d package%s visible); profile '%s' saved in %s%n", api.baseUrl(), packages,
                packages == 1 ? "" : "s", cli.profileName(), profiles.file());
        return ExitCode.OK;
    }
}
