package io.upshift.security.apikey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ApiKeyTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aGeneratedKeyReadsBackAsItself() {
        ApiKeyToken token = ApiKeyToken.generate(random);

        assertThat(token.value()).matches("upshift_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeyToken.parse(token.value())).contains(token);
        assertThat(ApiKeyToken.parse(" " + token.value() + "\n")).contains(token);
    }

    @Test
    void twoKeysNeverShareAnIdOrASecret() {
        ApiKeyToken a = ApiKeyToken.generate(random);
        ApiKeyToken b = ApiKeyToken.generate(random);

        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.secret()).isNotEqualTo(b.secret());
    }

    @Test
    void matchesOnlyItsOwnHash() {
        ApiKeyToken token = ApiKeyToken.generate(random);
        ApiKeyToken other = new ApiKeyToken(token.id(), ApiKeyToken.generate(random).secret());

        assertThat(token.hash()).hasSize(32);
        assertThat(token.matches(token.hash())).isTrue();
        assertThat(other.matches(token.hash())).isFalse();
    }

    @Test
    void readsNothingThatIsNotShapedLikeAKey() {
        assertThat(ApiKeyToken.parse(null)).isEmpty();
        assertThat(ApiKeyToken.parse("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(ApiKeyToken.parse("upshift_short_secret")).isEmpty();
        assertThat(ApiKeyToken.parse("upshift_AAAAAAAAAAAA_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeyToken.looksLikeOne("upshift_whatever")).isTrue();
        assertThat(ApiKeyToken.looksLikeOne("eyJhbGciOi")).isFalse();
        assertThatThrownBy(() -> new ApiKeyToken("x", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsItsSecretInToString() {
        ApiKeyToken token = ApiKeyToken.generate(random);

        assertThat(token.toString()).contains(token.id()).doesNotContain(token.secret());
    }

    @Test
    void refusesATooShortBootstrapKeyWithoutRepeatingIt() {
        assertThatThrownBy(() -> Bootstrap.of("hunter2-is-not-a-key", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 characters").hasMessageNotContaining("hunter2");
        assertThat(Bootstrap.of("  ", java.time.Instant.EPOCH)).isEmpty();
        assertThat(Bootstrap.of("k".repeat(32), java.time.Instant.EPOCH).orElseThrow().matches("k".repeat(32))).isTrue();
        assertThat(Bootstrap.of("k".repeat(32), java.time.Instant.EPOCH).orElseThrow().matches("k".repeat(31))).isFalse();
    }
}
