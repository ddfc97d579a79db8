package io.upshift.planner.subscriber.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The subscriber feature's settings ({@code upshift.planner.subscribers.*}); the links' keys are
 * {@code upshift.links.*} (service-common {@code LinkSettings}), shared with the notifier and the portal.
 *
 * @param choices how many windows the page offers at most
 */
@Validated
@ConfigurationProperties("upshift.planner.subscribers")
public record SubscriberProperties(@Min(1) @Max(20) Integer choices) {

    public SubscriberProperties {
        choices = choices == null ? 5 : choices;
    }
}
