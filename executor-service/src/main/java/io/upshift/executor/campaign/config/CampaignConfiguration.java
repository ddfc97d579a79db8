package io.upshift.executor.campaign.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.AvroKafka;
import io.upshift.executor.campaign.domain.CampaignStates;
import io.upshift.executor.campaign.kafka.CampaignEventsReader;
import io.upshift.executor.config.ExecutorIdentity;
import io.upshift.executor.execution.domain.UpgradeGateway;
import io.upshift.messages.CampaignEvent;
import io.upshift.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** Campaign state, read from the campaign events. */
@Configuration(proxyBeanMethods = false)
class CampaignConfiguration {

    /** A halt or cancel also tells the gateway, which cancels what Salesforce still holds of the campaign. */
    @Bean
    CampaignStates campaignStates(ObjectProvider<UpgradeGateway> gateways) {
        return new CampaignStates(campaignId -> gateways.ifAvailable(gateway -> gateway.campaignStopped(campaignId)));
    }

    @Bean
    CampaignEventsReader campaignEventsReader(AvroKafka avroKafka, CampaignStates states, ExecutorIdentity identity,
            MeterRegistry meters, ThreadPoolTaskScheduler kafkaMetricsScheduler) {
        ConsumerFactory<String, CampaignEvent> factory = avroKafka.consumerFactory(Topics.CAMPAIGN_EVENTS, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, identity.id() + "-campaign-events",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        factory.addListener(new MicrometerConsumerListener<>(meters, kafkaMetricsScheduler));
        return new CampaignEventsReader(factory, states, meters);
    }
}
