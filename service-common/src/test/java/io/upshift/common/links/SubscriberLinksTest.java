package io.upshift.common.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.common.links.SubscriberLinks.Check;
import io.upshift.common.links.SubscriberLinks.Refused;
import io.upshift.common.links.SubscriberLinks.Rejection;
import io.upshift.common.links.SubscriberLinks.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way to break a subscriber link, as a table: each row a link and what the check must say. */
class SubscriberLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant WINDOW_START = Instant.parse("2026-12-08T22:00:00Z");
    private static final UUID CAMPAIGN = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID OTHER_CAMPAIGN = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID NOTICE = UUID.fromString("33333333-3333-3333-3333-333333333333");
    private static final String ORG = "00D000000000001AAA";
    private static final String OTHER_ORG = "00D000000000002AAA";
    private static final byte[] OLD_KEY = "an-old-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW_KEY = "a-new-key-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8);

    /** Before the rotation: k1 signs. */
    private static final SubscriberLinks BEFORE = new SubscriberLinks(Map.of("k1", OLD_KEY), "k1", 2);
    /** After the rotation: k2 signs, k1 still accepted. */
    private static final SubscriberLinks AFTER = new SubscriberLinks(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2", 2);
    /** After k1 was retired. */
    private static final SubscriberLinks RETIRED = new SubscriberLinks(Map.of("k2", NEW_KEY), "k2", 2);

    record Row(String name, SubscriberLinks signer, Function<String, String> tamper, SubscriberLinks checker,
            Instant at, UUID campaign, String org, int changesMade, Rejection expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> table() {
        Function<String, String> same = t -> t;
        return Stream.of(
                new Row("a fresh link opens", AFTER, same, AFTER, NOW, CAMPAIGN, ORG, 0, null),
                new Row("the last change allowed", AFTER, same, AFTER, NOW, CAMPAIGN, ORG, 1, null),
                new Row("tampered org id", AFTER, t -> t.replace(ORG, OTHER_ORG), AFTER, NOW, null, null, 0,
                        Rejection.BAD_SIGNATURE),
                new Row("tampered expiry", AFTER, t -> t.replace("." + WINDOW_START.getEpochSecond() + ".",
                        "." + WINDOW_START.plusSeconds(86_400).getEpochSecond() + "."), AFTER, NOW, null, null, 0,
                        Rejection.BAD_SIGNATURE),
                new Row("tampered signature", AFTER, t -> t.substring(0, t.length() - 2) + "AA", AFTER, NOW, null,
                        null, 0, Rejection.BAD_SIGNATURE),
                new Row("key id swapped to another known key", AFTER, t -> t.replace(".k2.", ".k1."), AFTER, NOW,
                        null, null, 0, Rejection.BAD_SIGNATURE),
                new Row("expired at the window's start", AFTER, same, AFTER, WINDOW_START, CAMPAIGN, ORG, 0,
                        Rejection.EXPIRED),
                new Row("expired after the window's start", AFTER, same, AFTER, WINDOW_START.plusSeconds(60),
                        CAMPAIGN, ORG, 0, Rejection.EXPIRED),
                new Row("for another org", AFTER, same, AFTER, NOW, CAMPAIGN, OTHER_ORG, 0, Rejection.OTHER_ORG),
                new Row("for another campaign", AFTER, same, AFTER, NOW, OTHER_CAMPAIGN, ORG, 0,
                        Rejection.OTHER_CAMPAIGN),
                new Row("replayed beyond the limit", AFTER, same, AFTER, NOW, CAMPAIGN, ORG, 2,
                        Rejection.CHANGES_USED_UP),
                new Row("an old key still accepted after the rotation", BEFORE, same, AFTER, NOW, CAMPAIGN, ORG, 0,
                        null),
                new Row("a retired key refused", BEFORE, same, RETIRED, NOW, CAMPAIGN, ORG, 0, Rejection.UNKNOWN_KEY),
                new Row("an unknown key id", AFTER, t -> t.replace(".k2.", ".k9."), AFTER, NOW, null, null, 0,
                        Rejection.UNKNOWN_KEY),
                new Row("not a token", AFTER, t -> "hello", AFTER, NOW, null, null, 0, Rejection.MALFORMED),
                new Row("another version", AFTER, t -> "v2" + t.substring(2), AFTER, NOW, null, null, 0,
                        Rejection.MALFORMED),
                new Row("an extra part", AFTER, t -> t + ".x", AFTER, NOW, null, null, 0, Rejection.MALFORMED),
                new Row("a huge token", AFTER, t -> t.repeat(10), AFTER, NOW, null, null, 0, Rejection.MALFORMED))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void checksEveryLink(Row row) {
        String token = row.tamper().apply(row.signer().sign(CAMPAIGN, ORG, NOTICE, WINDOW_START));

        Check check = row.checker().checkChange(token, row.at(), row.campaign(), row.org(), row.changesMade());

        if (row.expected() == null) {
            assertThat(check).isInstanceOf(Valid.class);
            assertThat(((Valid) check).link()).isEqualTo(new SubscriberLinks.Link(CAMPAIGN, ORG, NOTICE, WINDOW_START,
                    row.signer() == BEFORE ? "k1" : "k2"));
        } else {
            assertThat(check).isEqualTo(new Refused(row.expected()));
        }
    }

    @Test
    void aViewIsNotAChangeSoItOpensWhateverWasChanged() {
        String token = AFTER.sign(CAMPAIGN, ORG, NOTICE, WINDOW_START);

        assertThat(AFTER.check(token, NOW, CAMPAIGN, ORG)).isInstanceOf(Valid.class);
        assertThat(AFTER.read(token, NOW)).isInstanceOf(Valid.class);
    }

    @Test
    void anExpiredLinkIsStillAuthenticForAReadOnlyLookButATamperedOneIsNot() {
        String token = AFTER.sign(CAMPAIGN, ORG, NOTICE, WINDOW_START);
        String tampered = token.replace(ORG, OTHER_ORG);

        assertThat(AFTER.read(token, WINDOW_START.plusSeconds(3600))).isEqualTo(new Refused(Rejection.EXPIRED));
        assertThat(AFTER.readEvenIfExpired(token)).isInstanceOf(Valid.class);
        assertThat(AFTER.readEvenIfExpired(tampered)).isEqualTo(new Refused(Rejection.BAD_SIGNATURE));
        assertThat(RETIRED.readEvenIfExpired(BEFORE.sign(CAMPAIGN, ORG, NOTICE, WINDOW_START)))
                .isEqualTo(new Refused(Rejection.UNKNOWN_KEY));
    }

    @Test
    void keysComeFromSettingsAndTheFirstSignsWhenNoneIsNamed() {
        String settings = "k2:" + Base64.getEncoder().encodeToString(NEW_KEY) + ", k1:"
                + Base64.getEncoder().encodeToString(OLD_KEY);
        SubscriberLinks links = SubscriberLinks.fromSettings(settings, "", 3);

        String token = links.sign(CAMPAIGN, ORG, NOTICE, WINDOW_START);

        assertThat(token).startsWith("v1.k2.");
        assertThat(AFTER.check(token, NOW, CAMPAIGN, ORG)).isInstanceOf(Valid.class);
    }

    @Test
    void refusesWeakOrMissingKeysAtStartUp() {
        assertThatThrownBy(() -> SubscriberLinks.fromSettings("", null, 3)).hasMessageContaining("UPSHIFT_LINKS_KEYS");
        assertThatThrownBy(() -> SubscriberLinks.fromSettings("k1:c2hvcnQ=", null, 3))
                .hasMessageContaining("shorter than 32 bytes");
        assertThatThrownBy(() -> new SubscriberLinks(Map.of("k1", OLD_KEY), "k2", 3))
                .hasMessageContaining("not among the keys");
        assertThatThrownBy(() -> SubscriberLinks.fromSettings("k1-no-colon", null, 3))
                .hasMessageNotContaining("k1-no-colon");
    }
}
