package io.upshift.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * BACKWARD compatibility, checked by the build: the current schema of every message must read
 * data written with every released version kept under {@code src/main/avro-history/}. A new
 * released version is added there (vN+1.avsc, the fully resolved schema) when it ships.
 */
class SchemaEvolutionTest {

    private static final List<String> CONTRACT_MESSAGES =
            List.of("UpgradeCommand", "UpgradeOutcome", "CampaignEvent", "SubscriberNotice",
                    "SubscriberRequest");

    @TestFactory
    Stream<DynamicTest> theCurrentSchemaReadsEveryReleasedVersion() throws Exception {
        return historyFiles().map(file -> DynamicTest.dynamicTest(relative(file), () -> {
            Schema released = parse(file);
            Schema current = currentSchemaOf(released.getFullName());
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, released);
            assertThat(result.getType())
                    .as("%s cannot read data written with %s: %s", current.getFullName(), relative(file),
                            result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }));
    }

    @Test
    void everyContractMessageHasAReleasedVersionInTheHistory() throws Exception {
        List<String> names = historyFiles().map(file -> parse(file).getName()).distinct().toList();
        assertThat(names).containsAll(CONTRACT_MESSAGES);
    }

    @Test
    void theHistoryHoldsAnEvolvedSchemaSoTheCheckIsExercised() throws Exception {
        long versionsOfNotice = historyFiles()
                .filter(file -> file.getParent().getFileName().toString().equals("SubscriberNotice")).count();
        assertThat(versionsOfNotice).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theCheckRejectsAFieldAddedWithoutADefault() throws IOException {
        Schema released = parseResource("/evolution/notice-v1.avsc");
        Schema broken = parseResource("/evolution/notice-field-without-default.avsc");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void theCheckRejectsAnEnumSymbolRemovedWithoutADefault() throws IOException {
        Schema released = parseResource("/evolution/status-v1.avsc");
        Schema broken = parseResource("/evolution/status-symbol-removed.avsc");

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static Schema currentSchemaOf(String fullName) throws ClassNotFoundException {
        return SpecificData.get().getSchema(Class.forName(fullName));
    }

    private static Stream<Path> historyFiles() throws IOException, URISyntaxException {
        URL root = SchemaEvolutionTest.class.getResource("/avro-history");
        assertThat(root).as("avro-history on the test class path").isNotNull();
        Path dir = Path.of(root.toURI());
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList().stream();
        }
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static Schema parseResource(String name) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(name)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static String relative(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }
}
