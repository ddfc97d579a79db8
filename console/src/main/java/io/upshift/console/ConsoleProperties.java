package io.upshift.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the APIs are and how the console follows a campaign.
 *
 * @param plannerUrl the planner's base URL (its {@code /api/v1/...} is called)
 * @param notifierUrl the notifier's base URL, for the emails of a campaign (none: the page says so)
 * @param pollInterval how often a watched campaign is read again for its live page
 * @param apiKeySignIn whether people may sign in with an API key (the local stack; production uses OpenID Connect)
 */
@ConfigurationProperties("upshift.console")
public record ConsoleProperties(@DefaultValue("http://localhost:8080") String plannerUrl, String notifierUrl,
        @DefaultValue("2s") Duration pollInterval, @DefaultValue("true") boolean apiKeySignIn) {
}
