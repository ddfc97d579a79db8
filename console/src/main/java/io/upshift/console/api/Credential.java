package io.upshift.console.api;

/**
 * What the console sends on the signed-in person's behalf: their API key ({@code X-API-Key}) or their
 * identity provider's access token ({@code Authorization: Bearer}). Never logged, never put in a page.
 */
public record Credential(String header, String value) {

    public static Credential apiKey(String key) {
        return new Credential("X-API-Key", key);
    }

    public static Credential bearer(String token) {
        return new Credential("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return "Credential[" + header + "]";
    }
}
