package io.upshift.notifier.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderTextTest {

    @Test
    void turnsLineBreaksAndControlCharactersIntoSingleSpaces() {
        assertThat(HeaderText.sanitize("Acme\r\nBcc: everyone@victim.example\u0000 Corp"))
                .isEqualTo("Acme Bcc: everyone@victim.example Corp");
    }

    @Test
    void capsVeryLongSubjects() {
        assertThat(HeaderText.sanitize("x".repeat(1000))).hasSize(HeaderText.MAX_LENGTH);
    }
}
