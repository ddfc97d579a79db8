package io.upshift.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.security.testing.OpenApiDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' drift tests compare the served OpenAPI document with the committed one through this. */
class OpenApiDocumentsTest {

    private static final String SERVED = "{\"servers\":[{\"url\":\"http://localhost:40123\"}],\"paths\":{\"/b\":{},\"/a\":{}},\"info\":{\"title\":\"T\"}}";

    @TempDir
    Path dir;

    @Test
    void theSameApiGivesTheSameTextWhateverThePortAndKeyOrder() {
        String other = "{\"info\":{\"title\":\"T\"},\"paths\":{\"/a\":{},\"/b\":{}},\"servers\":[{\"url\":\"http://localhost:1\"}]}";
        assertThat(OpenApiDocuments.canonical(SERVED)).isEqualTo(OpenApiDocuments.canonical(other))
                .doesNotContain("servers", "localhost")
                .endsWith("\n");
    }

    @Test
    void acceptsTheCommittedDocumentAndRefusesAChangedOneNamingTheFirstDifferingLine() throws Exception {
        Path committed = dir.resolve("service.json");
        Files.writeString(committed, OpenApiDocuments.canonical(SERVED));
        OpenApiDocuments.check(committed, SERVED, "some-service", "SomeIT");

        String changed = SERVED.replace("\"T\"", "\"U\"");
        assertThatThrownBy(() -> OpenApiDocuments.check(committed, changed, "some-service", "SomeIT"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("first at line 3: committed «\"title\" : \"T\"», served «\"title\" : \"U\"»")
                .hasMessageContaining("-pl some-service -am verify -Dtest=None -Dit.test=SomeIT -Dupshift.openapi.write=true");
    }

    @Test
    void saysHowToGenerateAMissingDocument() {
        assertThatThrownBy(() -> OpenApiDocuments.check(dir.resolve("missing.json"), SERVED, "some-service", "SomeIT"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing.json is missing")
                .hasMessageContaining("-Dupshift.openapi.write=true");
    }
}
