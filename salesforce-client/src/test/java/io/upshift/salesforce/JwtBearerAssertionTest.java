package io.upshift.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtBearerAssertionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static KeyPair keys;

    @BeforeAll
    static void givenAnRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    @Test
    void signsTheClaimsSalesforceExpectsWithRs256() throws Exception {
        JwtBearerAssertion assertion = new JwtBearerAssertion("3MVG9key", "ops@acme.example",
                "https://login.salesforce.com", pem("PRIVATE KEY", keys.getPrivate().getEncoded()), CLOCK);

        String[] parts = assertion.sign().split("\\.");

        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9key");
        assertThat(claims.get("sub").asText()).isEqualTo("ops@acme.example");
        assertThat(claims.get("aud").asText()).isEqualTo("https://login.salesforce.com");
        assertThat(claims.get("exp").asLong()).isEqualTo(Instant.parse("2025-03-01T10:03:00Z").getEpochSecond());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void readsAPkcs1KeyAsWrittenByOlderOpenssl() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        // A 2048-bit PKCS#8 RSA key is a 26-byte header around the PKCS#1 structure.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);

        assertThat(JwtBearerAssertion.parsePrivateKey(pem("RSA PRIVATE KEY", pkcs1)))
                .isEqualTo(keys.getPrivate());
    }

    @Test
    void refusesAKeyThatIsNotPemWithoutEchoingIt() {
        assertThatThrownBy(() -> JwtBearerAssertion.parsePrivateKey("not-a-key!!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not-a-key");
    }
}
