package io.upshift.salesforce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Builds the RS256-signed assertion of the OAuth 2.0 JWT bearer flow (RFC 7523) as Salesforce
 * expects it: {@code iss} = consumer key, {@code sub} = username, {@code aud} = login URL,
 * {@code exp} a few minutes ahead. Uses only {@code java.security}.
 */
final class JwtBearerAssertion {

    /** Salesforce accepts assertions that expire within a few minutes; three is its documented example. */
    static final Duration LIFETIME = Duration.ofMinutes(3);

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String subject;
    private final String audience;
    private final PrivateKey key;
    private final Clock clock;

    JwtBearerAssertion(String issuer, String subject, String audience, String privateKeyPem, Clock clock) {
        this.issuer = issuer;
        this.subject = subject;
        this.audience = audience;
        this.key = parsePrivateKey(privateKeyPem);
        this.clock = clock;
    }

    String sign() {
        long exp = clock.instant().plus(LIFETIME).getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + json(issuer) + ",\"sub\":" + json(subject) + ",\"aud\":" + json(audience)
                + ",\"exp\":" + exp + "}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the JWT bearer assertion", e);
        }
    }

    /**
     * Reads an RSA private key from PEM: PKCS#8 as is; PKCS#1 (what {@code openssl genrsa} wrote
     * before OpenSSL 3) wrapped into PKCS#8 so the JDK can read it. Never echoes the key in errors.
     */
    static PrivateKey parsePrivateKey(String pem) {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (pem.contains("ENCRYPTED")) {
            throw new IllegalArgumentException("The private key is encrypted; configure an unencrypted PKCS#8 or PKCS#1 key");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END)[A-Z ]*-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The private key is not valid PEM (base64 expected)");
        }
        if (pkcs1) {
            der = wrapPkcs1(der);
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The private key is not an RSA key in PKCS#8 or PKCS#1 form");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
                0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] octetString = tlv(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(octetString);
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static String json(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "JwtBearerAssertion[issuer=(redacted), subject=(redacted), audience=" + audience + "]";
    }
}
