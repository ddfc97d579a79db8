package io.upshift.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicHasAUniqueVersionedNameUnderTheUpshiftPrefix() {
        assertThat(Topics.all()).extracting(Topic::name)
                .doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("upshift.") && name.matches(".*\\.v\\d+$"));
    }

    @Test
    void deadLettersGoToTheSourceTopicWithADltSuffix() {
        assertThat(Topics.UPGRADE_COMMANDS.deadLetterTopic()).isEqualTo("upshift.upgrade-commands.v1.DLT");
        assertThat(Topics.UPGRADE_OUTCOMES.valueSubject()).isEqualTo("upshift.upgrade-outcomes.v1-value");
    }

    @Test
    void theCampaignEventsTopicIsCompactedSoANewExecutorLearnsEveryCampaignsLatestState() {
        assertThat(Topics.CAMPAIGN_EVENTS.config()).containsEntry("cleanup.policy", "compact,delete");
    }
}
