package io.upshift.notifier.testing;

import io.upshift.notifier.config.NotifierProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The notifier's settings as Spring Boot would bind them, with defaults, for unit tests. */
public final class Settings {

    private Settings() {
    }

    public static NotifierProperties defaults() {
        return with(Map.of());
    }

    /** Binds {@code upshift.notifier.*} from the given keys (without the prefix). */
    public static NotifierProperties with(Map<String, String> values) {
        Map<String, String> prefixed = new HashMap<>();
        values.forEach((key, value) -> prefixed.put("upshift.notifier." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("upshift.notifier", NotifierProperties.class);
    }
}
