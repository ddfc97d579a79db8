package io.upshift.portal;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's settings ({@code upshift.portal.*}); its link keys are {@code upshift.links.*}, shared
 * with the notifier and the planner, and required here.
 *
 * @param plannerUrl the planner's base URL (inside the cluster: the portal is the only public part)
 * @param plannerApiKey the portal's own API key (any role: it only reads {@code /api/v1/subscriber-view});
 *     from the environment ({@code UPSHIFT_PORTAL_PLANNER_API_KEY}) or the secrets directory
 * @param perIp page views and requests one client address may make per {@code period}
 * @param perLink page views and requests one link may get per {@code period}
 * @param period the rate limits' window
 */
@ConfigurationProperties("upshift.portal")
public record PortalProperties(String plannerUrl, String plannerApiKey, @DefaultValue("60") int perIp,
        @DefaultValue("30") int perLink, @DefaultValue("1m") Duration period) {

    public PortalProperties {
        if (plannerUrl == null || plannerUrl.isBlank()) {
            throw new IllegalArgumentException("upshift.portal.planner-url is missing (UPSHIFT_PLANNER_URL)");
        }
        URI uri = URI.create(plannerUrl.strip());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("upshift.portal.planner-url is not an http(s) URL: " + plannerUrl);
        }
        plannerUrl = plannerUrl.strip().replaceAll("/+$", "");
        if (plannerApiKey == null || plannerApiKey.isBlank()) {
            throw new IllegalArgumentException("upshift.portal.planner-api-key is missing: give the portal its own "
                    + "planner API key in UPSHIFT_PORTAL_PLANNER_API_KEY or the secrets directory");
        }
        if (perIp < 1 || perLink < 1 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("upshift.portal.per-ip, per-link and period must be positive");
        }
    }
}
