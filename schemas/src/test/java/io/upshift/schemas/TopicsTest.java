package io.upshift.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.record.CompressionType;
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

    @Test
    void whatDownstreamTeamsReadIsCompressedOnlyWithCodecsEveryMainstreamClientDecodes() {
        // KafkaJS decodes gzip natively, snappy, lz4 and zstd only with add-ons; librdkafka and Java decode all
        Set<CompressionType> everyClient = Set.of(CompressionType.NONE, CompressionType.GZIP);
        for (Topic<?> downstream : List.of(Topics.UPGRADE_OUTCOMES, Topics.CAMPAIGN_EVENTS)) {
            assertThat(everyClient).as(downstream.name()).contains(downstream.compression());
        }
    }

    @Test
    void theInternalHighVolumeTopicsKeepLz4() {
        assertThat(Topics.UPGRADE_COMMANDS.compression()).isEqualTo(CompressionType.LZ4);
        assertThat(Topics.SUBSCRIBER_NOTICES.compression()).isEqualTo(CompressionType.LZ4);
    }

    @Test
    void aProducerTakesItsCompressionFromTheTopic() {
        assertThat(Topics.CAMPAIGN_EVENTS.producerConfig()).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        assertThat(Topics.UPGRADE_COMMANDS.producerConfig()).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }
}
