package io.upshift.notifier.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String BODY = "{\"id\":\"e/0\"}";

    @Test
    void signsTheTimeAndTheBodyWithHmacSha256AsOpensslWould() {
        // printf '%s' '1700000000.{"id":"e/0"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=6e8a91c1dc69ceeb6bbc6fb8d19a4b293b8462ca141da5c08568482a2ee06242");
    }

    @Test
    void aReceiverAcceptsTheSignatureAndRefusesAChangedBodyTimeOrSecret() {
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);
        assertThat(WebhookSignature.verify("whsec_test", header, BODY)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test", header, BODY.replace("e/0", "e/1"))).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header.replace("t=1700000000", "t=1700000001"), BODY))
                .isFalse();
        assertThat(WebhookSignature.verify("another", header, BODY)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "v1=abc", BODY)).isFalse();
    }
}
