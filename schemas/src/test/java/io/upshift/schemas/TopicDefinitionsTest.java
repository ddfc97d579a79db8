package io.upshift.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deployment's topic script is the catalogue, rendered: this test keeps them equal. */
class TopicDefinitionsTest {

    /** Every committed copy of the rendered script (compose mounts one, the Helm chart ships one). */
    private static final List<Path> COPIES = List.of(
            Path.of("../deploy/kafka/create-topics.sh"),
            Path.of("../deploy/helm/upshift/files/create-topics.sh"));

    @Test
    void theCommittedTopicScriptsAreTheCatalogueRendered() throws IOException {
        String rendered = TopicDefinitions.createTopicsScript();
        for (Path copy : COPIES) {
            if (Boolean.getBoolean("upshift.regenerate")) {
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, rendered);
                copy.toFile().setExecutable(true);
            }
            assertThat(copy).as("%s is missing or stale; regenerate it with "
                    + "./mvnw -q -pl schemas test -Dtest=TopicDefinitionsTest -Dupshift.regenerate=true", copy)
                    .exists();
            assertThat(Files.readString(copy)).as("%s differs from the catalogue", copy).isEqualTo(rendered);
        }
    }

    @Test
    void theScriptCreatesEveryTopicWithItsSettingsAndItsDeadLetterTopic() {
        String script = TopicDefinitions.createTopicsScript();

        assertThat(script).contains("create upshift.campaign-events.v1 3 --config cleanup.policy=compact,delete")
                .contains("create upshift.upgrade-commands.v1.DLT 1");
        for (Topic<?> topic : Topics.all()) {
            assertThat(script).contains("create " + topic.name() + " " + topic.defaultPartitions());
        }
    }
}
