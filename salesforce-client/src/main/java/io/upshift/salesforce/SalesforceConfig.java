package io.upshift.salesforce;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to reach and log in to one Salesforce org (the ISV's packaging org). Credentials come only
 * from here, and {@link #toString()} never shows them.
 *
 * @param loginUrl where the OAuth token endpoint lives: {@code https://login.salesforce.com},
 *        {@code https://test.salesforce.com} or the org's My Domain URL (required for the
 *        client-credentials flow)
 * @param instanceUrl the org's instance URL when it must be fixed; {@code null} to use the
 *        {@code instance_url} of the token response (the usual case)
 * @param apiVersion the REST API version, e.g. {@code v62.0}
 * @param flow which OAuth 2.0 flow logs in
 * @param clientId the connected app's consumer key
 * @param clientSecret the consumer secret (client-credentials flow)
 * @param username the integration user (JWT bearer flow: the token's subject)
 * @param privateKeyPem the connected app certificate's RSA private key in PEM, PKCS#8
 *        ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) (JWT bearer flow)
 * @param audience the JWT audience; {@code null} means {@code loginUrl} (use
 *        {@code https://login.salesforce.com} or {@code https://test.salesforce.com} when the
 *        login URL is a My Domain)
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout how long one HTTP call may take before it fails as transient
 */
public record SalesforceConfig(
        URI loginUrl,
        URI instanceUrl,
        String apiVersion,
        AuthFlow flow,
        String clientId,
        String clientSecret,
        String username,
        String privateKeyPem,
        URI audience,
        Duration connectTimeout,
        Duration requestTimeout) {

    /** The API version used when none is configured. */
    public static final String DEFAULT_API_VERSION = "v62.0";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern API_VERSION = Pattern.compile("v\\d{2,3}\\.0");
    private static final String REDACTED = "(redacted)";

    /** The OAuth 2.0 flows a server-to-server integration can use without a person. */
    public enum AuthFlow {
        /** {@code grant_type=client_credentials} with the consumer key and secret. */
        CLIENT_CREDENTIALS,
        /** {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer} with an RS256-signed assertion. */
        JWT_BEARER
    }

    /**
     * Checks that the configuration is complete for its flow; every problem is listed at once so a
     * misconfigured service says everything that is wrong at start-up.
     */
    public SalesforceConfig {
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        List<String> problems = new ArrayList<>();
        if (loginUrl == null || !isHttp(loginUrl)) {
            problems.add("loginUrl must be an http(s) URL");
        }
        if (instanceUrl != null && !isHttp(instanceUrl)) {
            problems.add("instanceUrl must be an http(s) URL when set");
        }
        if (!API_VERSION.matcher(apiVersion).matches()) {
            problems.add("apiVersion must look like v62.0, was '" + apiVersion + "'");
        }
        if (flow == null) {
            problems.add("flow must be CLIENT_CREDENTIALS or JWT_BEARER");
        }
        if (isBlank(clientId)) {
            problems.add("clientId (the connected app's consumer key) is required");
        }
        if (flow == AuthFlow.CLIENT_CREDENTIALS && isBlank(clientSecret)) {
            problems.add("clientSecret is required for the client-credentials flow");
        }
        if (flow == AuthFlow.JWT_BEARER && isBlank(username)) {
            problems.add("username is required for the JWT bearer flow");
        }
        if (flow == AuthFlow.JWT_BEARER && isBlank(privateKeyPem)) {
            problems.add("privateKeyPem is required for the JWT bearer flow");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("connectTimeout must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            problems.add("requestTimeout must be positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Salesforce configuration: " + String.join("; ", problems));
        }
    }

    /** A configuration for the client-credentials flow with default version and timeouts. */
    public static SalesforceConfig clientCredentials(URI loginUrl, String clientId, String clientSecret) {
        return new SalesforceConfig(loginUrl, null, null, AuthFlow.CLIENT_CREDENTIALS, clientId, clientSecret,
                null, null, null, null, null);
    }

    /** A configuration for the JWT bearer flow with default version and timeouts. */
    public static SalesforceConfig jwtBearer(URI loginUrl, String clientId, String username, String privateKeyPem) {
        return new SalesforceConfig(loginUrl, null, null, AuthFlow.JWT_BEARER, clientId, null, username,
                privateKeyPem, null, null, null);
    }

    public SalesforceConfig withApiVersion(String version) {
        return new SalesforceConfig(loginUrl, instanceUrl, version, flow, clientId, clientSecret, username,
                privateKeyPem, audience, connectTimeout, requestTimeout);
    }

    public SalesforceConfig withTimeouts(Duration connect, Duration request) {
        return new SalesforceConfig(loginUrl, instanceUrl, apiVersion, flow, clientId, clientSecret, username,
                privateKeyPem, audience, connect, request);
    }

    public SalesforceConfig withInstanceUrl(URI url) {
        return new SalesforceConfig(loginUrl, url, apiVersion, flow, clientId, clientSecret, username,
                privateKeyPem, audience, connectTimeout, requestTimeout);
    }

    public SalesforceConfig withAudience(URI jwtAudience) {
        return new SalesforceConfig(loginUrl, instanceUrl, apiVersion, flow, clientId, clientSecret, username,
                privateKeyPem, jwtAudience, connectTimeout, requestTimeout);
    }

    /** The JWT audience actually used. */
    public URI effectiveAudience() {
        return audience != null ? audience : loginUrl;
    }

    /** Shows where and how the client logs in, never a credential. */
    @Override
    public String toString() {
        return "SalesforceConfig[loginUrl=" + loginUrl
                + ", instanceUrl=" + instanceUrl
                + ", apiVersion=" + apiVersion
                + ", flow=" + flow
                + ", clientId=" + (isBlank(clientId) ? "(none)" : REDACTED)
                + ", clientSecret=" + (isBlank(clientSecret) ? "(none)" : REDACTED)
                + ", username=" + (isBlank(username) ? "(none)" : REDACTED)
                + ", privateKeyPem=" + (isBlank(privateKeyPem) ? "(none)" : REDACTED)
                + ", audience=" + audience
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    private static boolean isHttp(URI uri) {
        return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
