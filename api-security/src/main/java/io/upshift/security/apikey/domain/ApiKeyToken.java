package io.upshift.security.apikey.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as a script presents it: {@code upshift_<id>_<secret>}. The id (12 characters,
 * base32) finds the stored key and may appear in logs and the audit trail; the secret (32 random
 * bytes, base64url) never leaves the answer that created the key. Only the SHA-256 of the whole
 * key is stored: with 256 random bits there is nothing to guess, so a slow password hash would
 * only slow down every request.
 */
public record ApiKeyToken(String id, String secret) {

    public static final String PREFIX = "upshift_";
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int ID_LENGTH = 12;
    private static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile(
            Pattern.quote(PREFIX) + "([a-z2-7]{" + ID_LENGTH + "})_([A-Za-z0-9_-]{43})");

    public ApiKeyToken {
        if (id == null || !id.matches("[a-z2-7]{" + ID_LENGTH + "}")) {
            throw new IllegalArgumentException("an API key id is 12 base32 characters");
        }
        if (secret == null || secret.length() != 43) {
            throw new IllegalArgumentException("an API key secret is 43 base64url characters");
        }
    }

    /** A new key from a cryptographically strong random source. */
    public static ApiKeyToken generate(SecureRandom random) {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(BASE32.charAt(random.nextInt(BASE32.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new ApiKeyToken(id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key in its presented form, or empty when the text is not shaped like one. */
    public static Optional<ApiKeyToken> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(presented.strip());
        return matcher.matches() ? Optional.of(new ApiKeyToken(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** Whether the text at least starts like an Upshift API key (and so is not a JWT). */
    public static boolean looksLikeOne(String presented) {
        return presented != null && presented.strip().startsWith(PREFIX);
    }

    /** What the caller sends. */
    public String value() {
        return PREFIX + id + "_" + secret;
    }

    /** What is stored. */
    public byte[] hash() {
        return sha256(value());
    }

    /** Compares in constant time, so the time an answer takes tells nothing about the stored hash. */
    public boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(hash(), storedHash);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Never the secret: a key may end up in a log line through an innocent toString(). */
    @Override
    public String toString() {
        return PREFIX + id + "_…";
    }
}
