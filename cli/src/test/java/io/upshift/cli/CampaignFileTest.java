package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

class CampaignFileTest {

    static final Path EXAMPLES = Path.of("..", "examples");
    static final String MINIMAL = "name: Acme 4.2.1\npackageId: 033Up0000000001\ntargetVersion: 4.2.1\n";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"canary-and-ramp.yaml", "sandboxes-only-rehearsal.yaml", "hotfix-one-pod.yaml"})
    void everyExampleLoadsAndMatchesThePublishedSchema(String example) throws IOException {
        CampaignFile file = CampaignFile.load(EXAMPLES.resolve(example));

        assertThat(file.definition().packageId()).isEqualTo("033Up0000000001");
        assertThat(schemaProblems(Files.readString(EXAMPLES.resolve(example)))).isEmpty();
    }

    @Test
    void theHotfixHasItsDeadlineUrgencyAndPod() {
        CampaignDefinition hotfix = CampaignFile.load(EXAMPLES.resolve("hotfix-one-pod.yaml")).definition();

        assertThat(hotfix.selection().instances()).containsExactly("EU44");
        assertThat(hotfix.schedule().deadline()).hasToString("2026-12-09T06:00:00Z");
        assertThat(hotfix.schedule().urgency().reason()).contains("CVE");
        assertThat(hotfix.schedule().campaignWindow().start()).hasToString("22:00");
    }

    @Test
    void theOrgFileIsReadRelativeToTheCampaignFileAndLeftOutOfTheBody() {
        CampaignFile file = CampaignFile.load(EXAMPLES.resolve("sandboxes-only-rehearsal.yaml"));

        assertThat(file.orgFile()).isEqualTo(EXAMPLES.resolve("rehearsal-orgs.csv").toAbsolutePath().normalize());
        assertThat(file.orgFileIds()).containsExactly("00DUp0000000001", "00DUp0000000002", "00DUp0000000003");
        assertThat(Api.JSON.valueToTree(file.definition().body()).path("selection").has("orgFile")).isFalse();
        assertThat(Api.JSON.valueToTree(file.definition().body()).path("selection").path("orgTypes").get(0).asString())
                .isEqualTo("SANDBOX");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "strategy: {canary: {percent: 150}}| strategy.canary.percent: must be above 0 and at most 100",
            "strategy: {canary: {percent: 0}}| strategy.canary.percent: must be above 0 and at most 100",
            "strategy: {canary: {count: 3, percent: 5}}| strategy.canary: give either count or percent",
            "strategy: {ramp: {type: DOUBLING}}| strategy.ramp.type: a doubling ramp doubles the canary",
            "strategy: {ramp: {type: PERCENTAGES, percentages: [50, 20]}}| strategy.ramp.percentages: must be strictly increasing",
            "strategy: {canary: {percent: lots}}| strategy.canary.percent: 'lots' is not a number",
            "strategy: {ramp: {type: FAST}}| strategy.ramp.type: 'FAST' is not one of SINGLE, DOUBLING, PERCENTAGES",
            "strategy: {sandboxFirst: true}| strategy.sandboxFirst: unknown field",
            "schedule: {noticePeriod: 3 days}| schedule.noticePeriod: '3 days' is not an ISO-8601 duration",
            "schedule: {urgency: {reason: ' '}}| schedule.urgency.reason: must not be blank",
            "schedule: {campaignWindow: {start: '02:00', timeZone: Mars/Olympus}}| schedule.campaignWindow.end: must be given",
            "selection: {timeZones: [Atlantis/*]}| selection.timeZones: 'Atlantis/*' is neither an IANA time zone",
            "selection: {instances: ['E*U']}| selection.instances: 'E*U': a * may only end a name",
            "selection: {orgIds: [00D123]}| selection.orgIds[0]: '00D123' is not an org id",
            "pacing: {maxInFlight: 0}| pacing.maxInFlight: must be greater than 0",
            "gate: {failureThresholdPercent: 101, minimumFinished: 5}| gate.failureThresholdPercent: must be from 0 to 100",
            "gate: {failureThresholdPercent: 5}| gate.minimumFinished: must not be null",
            "orgTimeout: PT0S| orgTimeout: must be at least one second",
    })
    void aBadFieldIsNamedWithWhatIsWrongAndExit2(String yaml, String message) throws IOException {
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, MINIMAL + yaml + "\n");

        assertThatThrownBy(() -> CampaignFile.load(file)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.getMessage()).contains(message.strip());
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
        });
        // the published schema refuses what the CLI refuses, except what JSON Schema cannot say: which zones
        // exist, a strictly increasing list, a duration's minimum
        if (!yaml.contains("Atlantis") && !yaml.contains("[50, 20]") && !yaml.contains("PT0S")) {
            assertThat(schemaProblems(MINIMAL + yaml + "\n")).as(yaml).isNotEmpty();
        }
    }

    @Test
    void missingRequiredFieldsAreAllNamed() throws IOException {
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, "strategy: {sandboxesFirst: true}\n");

        assertThatThrownBy(() -> CampaignFile.load(file)).hasMessageContaining("name: must not be blank")
                .hasMessageContaining("packageId: must not be blank").hasMessageContaining("targetVersion: must not be blank");
    }

    @Test
    void anOrgFileThatIsNotThereIsNamed() throws IOException {
        Path file = dir.resolve("campaign.yaml");
        Files.writeString(file, MINIMAL + "selection: {orgFile: nowhere.csv}\n");

        assertThatThrownBy(() -> CampaignFile.load(file)).hasMessageContaining("selection.orgFile:")
                .hasMessageContaining("nowhere.csv is not a file");
    }

    static List<String> schemaProblems(String yaml) throws IOException {
        String json = YAMLMapper.builder().build().readTree(yaml).toString();
        try (InputStream schemaText = CampaignFileTest.class.getResourceAsStream("/campaign-file.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText);
            return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
        }
    }
}
