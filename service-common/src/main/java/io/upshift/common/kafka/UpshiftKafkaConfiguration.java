package io.upshift.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.startup.KafkaStartupCheck;
import io.upshift.schemas.serde.SchemaRegistries;
import io.upshift.schemas.serde.SchemaRegistryClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** Avro over Kafka, the same in every service: registry client, client factories, dead letters. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(UpshiftKafkaProperties.class)
public class UpshiftKafkaConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SchemaRegistryClient schemaRegistryClient(UpshiftKafkaProperties properties) {
        return SchemaRegistries.forUrl(properties.schemaRegistryUrl());
    }

    @Bean
    @ConditionalOnMissingBean
    AvroKafka avroKafka(KafkaProperties kafkaProperties, SchemaRegistryClient registry) {
        return new AvroKafka(kafkaProperties, registry);
    }

    @Bean
    @ConditionalOnMissingBean
    DefaultErrorHandler deadLetteringErrorHandler(AvroKafka avroKafka, UpshiftKafkaProperties properties,
            MeterRegistry meters) {
        return DeadLetters.errorHandler(avroKafka.deadLetterTemplate(), properties, meters);
    }

    @Bean
    @ConditionalOnProperty(name = "upshift.kafka.startup-check", havingValue = "true", matchIfMissing = true)
    KafkaStartupCheck kafkaStartupCheck(KafkaProperties kafka, UpshiftKafkaProperties upshift,
            SchemaRegistryClient registry) {
        return new KafkaStartupCheck(kafka, upshift, registry);
    }
}
