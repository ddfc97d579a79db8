package io.upshift.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in (client-credentials or JWT bearer flow), caches the session, and replaces it once when a
 * call reports it expired. Concurrent calls share one login: many requests failing with 401 at
 * once cause one new login, not one each.
 */
final class OAuthSession {

    private static final Logger log = LoggerFactory.getLogger(OAuthSession.class);
    private static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final SalesforceConfig config;
    private final HttpClient http;
    private final ObjectMapper json;
    private final JwtBearerAssertion assertion;
    private CompletableFuture<AccessToken> current;

    OAuthSession(SalesforceConfig config, HttpClient http, ObjectMapper json, Clock clock) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.assertion = config.flow() == SalesforceConfig.AuthFlow.JWT_BEARER
                ? new JwtBearerAssertion(config.clientId(), config.username(),
                        stripTrailingSlash(config.effectiveAudience().toString()), config.privateKeyPem(), clock)
                : null;
    }

    /** The cached session, logging in first when there is none or the last login failed. */
    synchronized CompletableFuture<AccessToken> token() {
        if (current == null || current.isCompletedExceptionally() || current.isCancelled()) {
            current = login();
        }
        return current;
    }

    /**
     * Replaces {@code rejected} with a fresh session. If another call already replaced it, that
     * newer session is returned without logging in again.
     */
    synchronized CompletableFuture<AccessToken> refresh(AccessToken rejected) {
        AccessToken cached = current == null ? null : current.getNow(null);
        if (current == null || cached == null && current.isDone() || cached == rejected) {
            log.info("Salesforce session expired or was rejected; logging in again");
            current = login();
        }
        return current;
    }

    private CompletableFuture<AccessToken> login() {
        URI tokenUrl = URI.create(stripTrailingSlash(config.loginUrl().toString()) + "/services/oauth2/token");
        Map<String, String> form = new LinkedHashMap<>();
        if (config.flow() == SalesforceConfig.AuthFlow.JWT_BEARER) {
            form.put("grant_type", JWT_BEARER_GRANT);
            form.put("assertion", assertion.sign());
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_id", config.clientId());
            form.put("client_secret", config.clientSecret());
        }
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        log.debug("Logging in to Salesforce at {} ({})", config.loginUrl(), config.flow());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw Failures.fromIo("login", failure);
                    }
                    return toToken(response);
                });
    }

    private AccessToken toToken(HttpResponse<String> response) {
        JsonNode body = parse(response.body());
        if (response.statusCode() == 200 && body != null && body.hasNonNull("access_token")) {
            URI instance = config.instanceUrl() != null ? config.instanceUrl()
                    : body.hasNonNull("instance_url") ? URI.create(body.get("instance_url").asText()) : null;
            if (instance == null) {
                throw new SalesforceException(SalesforceException.Category.AUTHENTICATION, 200, "NO_INSTANCE_URL",
                        "The token response named no instance_url and none is configured");
            }
            log.info("Logged in to Salesforce ({}); instance {}", config.flow(), instance);
            return new AccessToken(body.get("access_token").asText(), instance);
        }
        String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "LOGIN_FAILED";
        String description = body != null && body.hasNonNull("error_description")
                ? body.get("error_description").asText() : "HTTP " + response.statusCode();
        SalesforceException.Category category = response.statusCode() >= 500
                ? SalesforceException.Category.TRANSIENT : SalesforceException.Category.AUTHENTICATION;
        log.error("Salesforce login failed with HTTP {}: {} ({})", response.statusCode(), error, description);
        throw new SalesforceException(category, response.statusCode(), error,
                "Salesforce login failed: " + error + " (" + description + ")",
                List.of(new ApiError(error, description)), null);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "OAuthSession[" + config + "]";
    }
}
