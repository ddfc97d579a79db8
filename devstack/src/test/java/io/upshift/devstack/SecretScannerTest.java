package io.upshift.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScannerTest {

    private static final String PASSWORD = "p@ss/word+S3cret=!";
    private final SecretScanner scanner = SecretScanner.of(Map.of("db password", PASSWORD));

    @Test
    void findsASecretAsItIsAndSaysWhereWithoutRepeatingIt() {
        var findings = scanner.scan("log", "line one\nconnecting with password=" + PASSWORD + " to db\n");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.secret()).isEqualTo("db password");
            assertThat(f.form()).isEqualTo("as is");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.toString()).doesNotContain(PASSWORD).contains("password=*****");
        });
    }

    @Test
    void findsItUrlEncodedAndJsonEscaped() {
        assertThat(scanner.scan("log", "GET /x?pw=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
                .extracting(SecretScanner.Finding::form).contains("URL-encoded");
        SecretScanner quoted = SecretScanner.of(Map.of("jaas", "password=\"hunter22\""));
        assertThat(quoted.scan("log", "{\"sasl\":\"password=\\\"hunter22\\\"\"}"))
                .extracting(SecretScanner.Finding::form).contains("JSON-escaped");
    }

    @Test
    void findsItBase64EncodedInsideALongerValueAtAnyAlignment() {
        for (String user : new String[] {"bob", "bobb", "bobbb"}) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

            assertThat(scanner.scan("log", "Authorization: Basic " + basic)).as(user)
                    .extracting(SecretScanner.Finding::form).contains("base64");
        }
    }

    @Test
    void findsNothingInACleanLog() {
        assertThat(scanner.scan("log", "password=******\nAuthorization: Bearer [hidden]\n")).isEmpty();
        scanner.assertNoneIn("log", "nothing to see");
    }

    @Test
    void failsWithEveryFindingAndScansWholeDirectories(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.log"), "ok\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.log"), "oops " + PASSWORD + "\n");

        assertThat(scanner.scan(dir)).singleElement().satisfies(f -> assertThat(f.source()).endsWith("b.log"));
        assertThatThrownBy(() -> scanner.assertNoneIn(dir)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 secret(s) leaked").hasMessageContaining("db password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void refusesSecretsTooShortToScanFor() {
        assertThatThrownBy(() -> SecretScanner.of(Map.of("pin", "1234"))).isInstanceOf(IllegalArgumentException.class);
    }
}
