package io.upshift.common.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the personal link of a subscriber notice, once for every side: the notifier signs
 * it, the subscriber portal and the planner check it. A token is
 * {@code v1.<keyId>.<campaignId>.<orgId>.<noticeId>.<expiry epoch seconds>.<HMAC-SHA256, base64url>};
 * the MAC covers everything before it, so no part can be changed. The key id lets keys rotate: every
 * configured key is accepted, one signs. A link is bound to one campaign and one org (a caller always
 * says which it serves), expires at the window's start, and allows a limited number of changes (the
 * count of changes already made is the caller's: only the planner knows it for sure).
 *
 * <p>Plain Java, no Spring: a unit test covers every way to break a link.
 */
public final class SubscriberLinks {

    /** How many changes one org may make to one campaign through its links. */
    public static final int DEFAULT_MAX_CHANGES = 3;

    private static final String VERSION = "v1";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9]{15,18}");
    private static final int MINIMUM_KEY_BYTES = 32;

    private final Map<String, byte[]> keys;
    private final String signingKeyId;
    private final int maxChanges;

    /**
     * @param keys key id → secret (at least 32 bytes each); all are accepted
     * @param signingKeyId the key that signs new links; one of {@code keys}
     */
    public SubscriberLinks(Map<String, byte[]> keys, String signingKeyId, int maxChanges) {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("no link key: give upshift.links.keys (id:base64-secret,...)");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, secret) -> {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("link key id '" + id + "' is not 1-32 letters, digits, - or _");
            }
            if (secret == null || secret.length < MINIMUM_KEY_BYTES) {
                throw new IllegalArgumentException("link key '" + id + "' is shorter than " + MINIMUM_KEY_BYTES
                        + " bytes: make one with `openssl rand -base64 32`");
            }
            copy.put(id, secret.clone());
        });
        if (!copy.containsKey(signingKeyId)) {
            throw new IllegalArgumentException("the signing link key '" + signingKeyId + "' is not among the keys "
                    + copy.keySet());
        }
        if (maxChanges < 1) {
            throw new IllegalArgumentException("maxChanges must be at least 1, was " + maxChanges);
        }
        this.keys = Map.copyOf(copy);
        this.signingKeyId = signingKeyId;
        this.maxChanges = maxChanges;
    }

    /**
     * Reads the keys as configured: {@code id:base64secret} pairs separated by commas; the signing key
     * is {@code signingKeyId}, or the first key when it is blank.
     */
    public static SubscriberLinks fromSettings(String keys, String signingKeyId, int maxChanges) {
        if (keys == null || keys.isBlank()) {
            throw new IllegalArgumentException("no link key: set UPSHIFT_LINKS_KEYS (id:base64-secret,...) in the "
                    + "environment or the secrets directory");
        }
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        for (String pair : keys.split(",")) {
            String trimmed = pair.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("a link key is not id:base64-secret (the secret is not shown)");
            }
            try {
                parsed.put(trimmed.substring(0, colon), Base64.getDecoder().decode(trimmed.substring(colon + 1)));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("link key '" + trimmed.substring(0, colon) + "' is not base64");
            }
        }
        String signing = signingKeyId == null || signingKeyId.isBlank() ? parsed.keySet().iterator().next()
                : signingKeyId.strip();
        return new SubscriberLinks(parsed, signing, maxChanges);
    }

    /** What a link stands for. */
    public record Link(UUID campaignId, String orgId, UUID noticeId, Instant expiresAt, String keyId) {
    }

    /** Why a link is refused; the names are the metric's {@code reason} label. */
    public enum Rejection {
        MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, EXPIRED, OTHER_CAMPAIGN, OTHER_ORG, CHANGES_USED_UP;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A check's answer: the link, or why not. */
    public sealed interface Check {
    }

    public record Valid(Link link) implements Check {
    }

    public record Refused(Rejection reason) implements Check {
    }

    /** The token of a new link, signed with the signing key; it expires at {@code expiresAt} (the window's start). */
    public String sign(UUID campaignId, String orgId, UUID noticeId, Instant expiresAt) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(noticeId, "noticeId");
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw new IllegalArgumentException("not an org id: " + orgId);
        }
        String body = String.join(".", VERSION, signingKeyId, campaignId.toString(), orgId, noticeId.toString(),
                Long.toString(expiresAt.getEpochSecond()));
        return body + "." + mac(keys.get(signingKeyId), body);
    }

    /** Reads a token without a campaign or org to compare (to find which campaign and org it claims), then checks it. */
    public Check read(String token, Instant now) {
        return verify(token, now, null, null);
    }

    /**
     * Checks a token for a view (no change): well formed, known key, untampered, not expired, and,
     * when given, for this campaign and org.
     */
    public Check check(String token, Instant now, UUID campaignId, String orgId) {
        return verify(token, now, campaignId, orgId);
    }

    /** Checks a token for a change, the org having made {@code changesMade} changes to the campaign already. */
    public Check checkChange(String token, Instant now, UUID campaignId, String orgId, int changesMade) {
        Check check = verify(token, now, campaignId, orgId);
        if (check instanceof Valid && changesMade >= maxChanges) {
            return new Refused(Rejection.CHANGES_USED_UP);
        }
        return check;
    }

    /**
     * Checks a token's form, key and signature but not its expiry: an authentic link that expired may
     * still show, read-only, what became of the upgrade (under way, its result), never change it.
     */
    public Check readEvenIfExpired(String token) {
        return verify(token, Instant.MIN, null, null);
    }

    public int maxChanges() {
        return maxChanges;
    }

    private Check verify(String token, Instant now, UUID campaignId, String orgId) {
        if (token == null || token.length() > 256) {
            return new Refused(Rejection.MALFORMED);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 7 || !VERSION.equals(parts[0])) {
            return new Refused(Rejection.MALFORMED);
        }
        byte[] key = keys.get(parts[1]);
        if (key == null) {
            return new Refused(Rejection.UNKNOWN_KEY);
        }
        String body = token.substring(0, token.lastIndexOf('.'));
        byte[] expected = mac(key, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[6].getBytes(StandardCharsets.US_ASCII))) {
            return new Refused(Rejection.BAD_SIGNATURE);
        }
        Link link;
        try {
            link = new Link(UUID.fromString(parts[2]), parts[3], UUID.fromString(parts[4]),
                    Instant.ofEpochSecond(Long.parseLong(parts[5])), parts[1]);
        } catch (IllegalArgumentException | java.time.DateTimeException signedButBroken) {
            return new Refused(Rejection.MALFORMED);
        }
        if (!now.isBefore(link.expiresAt())) {
            return new Refused(Rejection.EXPIRED);
        }
        if (campaignId != null && !campaignId.equals(link.campaignId())) {
            return new Refused(Rejection.OTHER_CAMPAIGN);
        }
        if (orgId != null && !orgId.equals(link.orgId())) {
            return new Refused(Rejection.OTHER_ORG);
        }
        return new Valid(link);
    }

    private static String mac(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
