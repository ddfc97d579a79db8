package io.upshift.security.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tiny identity provider for tests: an RSA key made at start, its JWKS and OpenID discovery
 * document served over HTTP on a free port, and real RS256-signed tokens for any name and roles.
 * One per JVM ({@link #shared()}), so every cached Spring context trusts the same issuer.
 */
public final class TestIssuer implements AutoCloseable {

    private static final String AUTH = "/protocol/openid-connect/auth";
    private static final String TOKEN = "/protocol/openid-connect/token";
    private static final TestIssuer SHARED = start();

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final Clock clock = Clock.systemUTC();
    private final TestSignIn signIn = new TestSignIn(this);

    private TestIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/upshift";
    }

    public static TestIssuer shared() {
        return SHARED;
    }

    /** A separate issuer with its own key: its tokens must be refused by a service that trusts {@link #shared()}. */
    public static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestIssuer issuer = new TestIssuer(server, key);
            String jwks = new JWKSet(key.toPublicJWK()).toString();
            String discovery = "{\"issuer\":\"" + issuer.issuer + "\",\"jwks_uri\":\"" + issuer.jwkSetUri()
                    + "\",\"authorization_endpoint\":\"" + issuer.issuer + AUTH + "\",\"token_endpoint\":\""
                    + issuer.issuer + TOKEN + "\",\"response_types_supported\":[\"code\"],"
                    + "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"],"
                    + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\"],"
                    + "\"scopes_supported\":[\"openid\"],"
                    + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            serve(server, "/realms/upshift/protocol/openid-connect/certs", jwks);
            serve(server, "/realms/upshift/.well-known/openid-configuration", discovery);
            server.createContext("/realms/upshift" + AUTH, issuer.signIn::authorize);
            server.createContext("/realms/upshift" + TOKEN, issuer.signIn::token);
            server.start();
            return issuer;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void serve(HttpServer server, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    public String issuerUri() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/protocol/openid-connect/certs";
    }

    /** The Spring Boot properties that make a service trust this issuer. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUri());
        properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri());
        return properties;
    }

    /**
     * The browser sign-in (authorization code flow with refresh tokens) of this issuer: its people, how long
     * its access tokens live, how often they were refreshed. See {@link TestSignIn}.
     */
    public TestSignIn signIn() {
        return signIn;
    }

    /** The token endpoint's access token for a person: {@link #token}'s claims, living {@code lifetime}. */
    String accessToken(String name, Duration lifetime, String... roles) {
        Instant now = clock.instant();
        return sign(claims(name, roles).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build());
    }

    /** An OpenID Connect ID token for the console (the client) with the nonce its request carried. */
    String idToken(String name, String clientId, String nonce) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
                .subject(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
                .claim("preferred_username", name).audience(clientId).claim("azp", clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return sign(claims.build());
    }

    /** A token for a person with these roles, valid for ten minutes. */
    public String token(String name, String... roles) {
        Instant now = clock.instant();
        return sign(claims(name, roles).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .build());
    }

    /** A token that expired an hour ago. */
    public String expiredToken(String name, String... roles) {
        Instant now = clock.instant();
        return sign(claims(name, roles).issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofHours(1)))).build());
    }

    /** A token signed with this issuer's key but naming another issuer. */
    public String tokenFromIssuer(String otherIssuer, String name, String... roles) {
        Instant now = clock.instant();
        return sign(claims(name, roles).issuer(otherIssuer).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).build());
    }

    /** The same token as {@link #token}, but issued by {@code other}'s key while claiming to be this issuer. */
    public String forgedBy(TestIssuer other, String name, String... roles) {
        Instant now = clock.instant();
        return other.sign(claims(name, roles).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10)))).build());
    }

    private JWTClaimsSet.Builder claims(String name, String... roles) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                .toString()).claim("preferred_username", name).claim("roles", List.copyOf(Arrays.asList(roles)))
                .audience("upshift").jwtID(UUID.randomUUID().toString());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
