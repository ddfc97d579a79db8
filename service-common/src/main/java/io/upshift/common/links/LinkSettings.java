package io.upshift.common.links;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The subscriber links' keys, as every service that signs or checks them reads them
 * ({@code upshift.links.*}): {@code keys} is {@code id:base64-secret,...} from the environment
 * ({@code UPSHIFT_LINKS_KEYS}) or the secrets directory, never from a committed file.
 *
 * @param keys every accepted key; blank turns the links off where they are optional (no link in the
 *     emails, every request refused), and stops the subscriber portal at start-up
 * @param signingKeyId the key that signs new links; blank: the first of {@code keys}
 * @param maxChanges how many changes one org may make to one campaign through its links
 */
@ConfigurationProperties("upshift.links")
public record LinkSettings(String keys, String signingKeyId, Integer maxChanges) {

    /** The links, or empty when no key is configured; a key that is configured but unusable stops the start. */
    public Optional<SubscriberLinks> links() {
        if (keys == null || keys.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SubscriberLinks.fromSettings(keys, signingKeyId,
                maxChanges == null ? SubscriberLinks.DEFAULT_MAX_CHANGES : maxChanges));
    }
}
