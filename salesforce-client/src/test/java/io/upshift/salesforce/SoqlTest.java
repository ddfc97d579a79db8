package io.upshift.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoqlTest {

    @Test
    void quotesAndEscapesLiterals() {
        assertThat(Soql.quote("O'Brien\\")).isEqualTo("'O\\'Brien\\\\'");
        assertThat(Soql.inList(List.of("a", "b"))).isEqualTo("('a','b')");
        assertThatThrownBy(() -> Soql.inList(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesDatetimeLiteralsInUtcAndReadsTheFormsSalesforceAnswers() {
        Instant instant = Instant.parse("2025-03-01T10:00:00.250Z");

        assertThat(Soql.datetime(instant)).isEqualTo("2025-03-01T10:00:00.250Z");
        assertThat(Soql.parseDatetime("2025-03-01T10:00:00.250+0000")).contains(instant);
        assertThat(Soql.parseDatetime("2025-03-01T11:00:00.250+01:00")).contains(instant);
        assertThat(Soql.parseDatetime("2025-03-01T10:00:00.250Z")).contains(instant);
        assertThat(Soql.parseDatetime("yesterday")).isEmpty();
        assertThat(Soql.parseDatetime(null)).isEmpty();
    }
}
