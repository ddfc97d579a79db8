package io.upshift.notifier.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @Test
    void keepsAPlainAddressAndLowerCasesItsDomain() {
        assertThat(EmailAddresses.normalize(" Jane.Doe+ops@ACME.Example ")).contains("Jane.Doe+ops@acme.example");
    }

    @Test
    void dropsTheDisplayNameAndKeepsTheAddress() {
        assertThat(EmailAddresses.normalize("\"Jane <b>Doe</b>\" <jane@acme.example>")).isEmpty();
        assertThat(EmailAddresses.normalize("Jane Doe <jane@acme.example>")).contains("jane@acme.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jane@acme.example\r\nBcc: everyone@victim.example",
        "jane@acme.example\nX-Injected: yes",
        "jane@acme.example, joe@acme.example",
        "jane@acme.example;joe@acme.example",
        "jane",
        "jane@localhost",
        "@acme.example",
        "jane@@acme.example",
        "jane doe@acme.example",
        ""})
    void rejectsAnythingButOnePlainAddress(String raw) {
        assertThat(EmailAddresses.normalize(raw)).isEmpty();
    }

    @Test
    void splitsUsableFromRejectedRecipientsAndDropsDuplicates() {
        EmailAddresses.Checked checked = EmailAddresses.check(List.of("a@acme.example", "A@ACME.example",
                "evil@acme.example\r\nBcc: x@y.example", "b@acme.example"));

        assertThat(checked.accepted()).containsExactly("a@acme.example", "b@acme.example");
        assertThat(checked.rejected()).containsExactly("evil@acme.example\r\nBcc: x@y.example");
    }
}
