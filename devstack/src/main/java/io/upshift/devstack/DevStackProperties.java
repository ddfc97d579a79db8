package io.upshift.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Glue for Spring Boot tests that run a service against the shared devstack. */
public final class DevStackProperties {

    private DevStackProperties() {
    }

    /**
     * Points the service at the JVM's shared devstack:
     * <pre>{@code
     * @DynamicPropertySource
     * static void devstack(DynamicPropertyRegistry registry) {
     *     DevStackProperties.register(registry, "planner");
     * }}</pre>
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        Map<String, String> properties = DevStack.shared().springProperties(database);
        properties.forEach((key, value) -> registry.add(key, () -> value));
    }

    /** GETs a URL on localhost and returns the body; fails on anything but 200. */
    public static String get(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
