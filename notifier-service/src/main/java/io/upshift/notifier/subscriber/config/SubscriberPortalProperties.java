package io.upshift.notifier.subscriber.config;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the subscriber portal answers ({@code upshift.notifier.subscriber-portal.url}, e.g.
 * {@code https://upgrades.acme-isv.example}); a notice's personal link is {@code <url>/s/<token>}.
 * Without it (or without link keys, {@code upshift.links.keys}) the emails carry no link.
 */
@ConfigurationProperties("upshift.notifier.subscriber-portal")
public record SubscriberPortalProperties(String url) {

    public SubscriberPortalProperties {
        if (url != null && !url.isBlank()) {
            String trimmed = url.strip();
            try {
                URI uri = new URI(trimmed);
                if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
                        || "http".equalsIgnoreCase(uri.getScheme()))) {
                    throw new IllegalArgumentException("upshift.notifier.subscriber-portal.url must be an http(s) URL "
                            + "with a host, was " + trimmed);
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("upshift.notifier.subscriber-portal.url is not a URL: " + trimmed);
            }
            url = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        } else {
            url = null;
        }
    }
}
