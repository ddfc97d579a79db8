package io.upshift.security.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The browser half of {@link TestIssuer}: an OpenID Connect authorization code flow a real browser can walk
 * through, for testing a web client (the console) against the issuer the API trusts. The authorization
 * endpoint shows a one-field sign-in form (the person's name; each person is registered with roles by
 * {@link #person}); the token endpoint exchanges a code once for an access token (the issuer's usual claims,
 * living {@link #accessTokensLive}), an ID token (with the request's nonce) and a refresh token, and answers
 * the refresh_token grant — until {@link #revokeRefreshTokens()}, after which it answers {@code invalid_grant}
 * as a real provider does when a session ended. Any client id and secret are accepted.
 */
public final class TestSignIn {

    private record Grant(String name, String clientId, String nonce, String redirectUri) {
    }

    private final TestIssuer issuer;
    private final Map<String, List<String>> people = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(10);

    TestSignIn(TestIssuer issuer) {
        this.issuer = issuer;
    }

    /** Someone who may sign in, with these roles in the {@code roles} claim of their access tokens. */
    public TestSignIn person(String name, String... roles) {
        people.put(name, List.of(roles));
        return this;
    }

    /** How long the access tokens the token endpoint issues from now on live. */
    public TestSignIn accessTokensLive(Duration lifetime) {
        accessTokenLifetime = lifetime;
        return this;
    }

    /** Every refresh token issued so far stops working (the provider ended the sessions). */
    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    /** How many access tokens the refresh_token grant has issued. */
    public int refreshes() {
        return refreshes.get();
    }

    void authorize(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            StringBuilder hidden = new StringBuilder();
            for (String field : List.of("client_id", "redirect_uri", "state", "nonce")) {
                if (query.get(field) != null) {
                    hidden.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"")
                            .append(html(query.get(field))).append("\">");
                }
            }
            send(exchange, 200, "text/html; charset=utf-8", """
                    <!DOCTYPE html><html lang="en"><head><title>Test identity provider</title></head><body>
                    <h1>Test identity provider</h1><form method="post">%s
                    <label for="username">Your name</label><input id="username" name="username" autofocus>
                    <button type="submit" id="kc-login">Sign in</button></form></body></html>""".formatted(hidden));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String name = form.getOrDefault("username", "");
        if (!people.containsKey(name)) {
            send(exchange, 200, "text/html; charset=utf-8", "<p id=\"unknown\">Unknown person " + html(name) + "</p>");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(name, form.get("client_id"), form.get("nonce"), form.get("redirect_uri")));
        String redirect = form.get("redirect_uri") + (form.get("redirect_uri").contains("?") ? "&" : "?") + "code="
                + code + (form.get("state") == null ? "" : "&state=" + URLEncoder.encode(form.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", redirect);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String clientId = form.get("client_id");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (clientId == null && basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            clientId = URLDecoder.decode(pair.substring(0, pair.indexOf(':')), StandardCharsets.UTF_8);
        }
        Grant grant;
        boolean refresh = "refresh_token".equals(form.get("grant_type"));
        if (refresh) {
            grant = refreshTokens.get(String.valueOf(form.get("refresh_token")));
        } else if ("authorization_code".equals(form.get("grant_type"))) {
            grant = codes.remove(String.valueOf(form.get("code")));
            if (grant != null && !String.valueOf(grant.redirectUri()).equals(form.get("redirect_uri"))) {
                grant = null;
            }
        } else {
            send(exchange, 400, "application/json", "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (grant == null) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"expired or revoked\"}");
            return;
        }
        String[] roles = people.getOrDefault(grant.name(), List.of()).toArray(String[]::new);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", issuer.accessToken(grant.name(), accessTokenLifetime, roles));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenLifetime.toSeconds());
        answer.put("scope", "openid");
        if (refresh) {
            refreshes.incrementAndGet();
            answer.put("refresh_token", form.get("refresh_token"));
        } else {
            String refreshToken = UUID.randomUUID().toString();
            refreshTokens.put(refreshToken, grant);
            answer.put("refresh_token", refreshToken);
            answer.put("id_token", issuer.idToken(grant.name(), clientId == null ? grant.clientId() : clientId, grant.nonce()));
        }
        StringBuilder json = new StringBuilder("{");
        answer.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof Number ? v.toString() : "\"" + v + "\""));
        send(exchange, 200, "application/json", json.append('}').toString());
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
