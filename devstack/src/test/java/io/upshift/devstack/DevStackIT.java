package io.upshift.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.messages.OrgType;
import io.upshift.messages.UpgradeCommand;
import io.upshift.schemas.Topics;
import io.upshift.schemas.serde.CachingSchemaRegistryClient;
import io.upshift.schemas.serde.HttpSchemaRegistryClient;
import io.upshift.schemas.serde.SchemaRegistryClient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DevStackExtension.class)
class DevStackIT {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    @Test
    void createsEveryCatalogueTopicAndItsDeadLetterTopic(DevStack stack) {
        Map<String, TopicDescription> topics = stack.kafkaBroker().doWithAdminFunction(admin -> {
            try {
                return admin.describeTopics(Topics.all().stream().map(t -> t.name()).toList()).allTopicNames().get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(topics).hasSize(Topics.all().size());
        assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(4));
        assertThat(stack.kafkaBroker().getTopics()).contains("upshift.upgrade-commands.v1.DLT");
    }

    @Test
    void carriesAvroRecordsThroughARealBrokerWithSchemasFromTheHttpRegistry(DevStack stack) {
        SchemaRegistryClient registry = new CachingSchemaRegistryClient(
                new HttpSchemaRegistryClient(stack.schemaRegistryUrl()));
        UpgradeCommand command = command();
        String topic = Topics.UPGRADE_COMMANDS.name();

        try (KafkaProducer<String, UpgradeCommand> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
                Topics.UPGRADE_COMMANDS.keySerializer(), Topics.UPGRADE_COMMANDS.valueSerializer(registry))) {
            producer.send(new ProducerRecord<>(topic, command.getOrgId(), command));
        }

        List<UpgradeCommand> received = new ArrayList<>();
        try (KafkaConsumer<String, UpgradeCommand> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.UPGRADE_COMMANDS.keyDeserializer(), Topics.UPGRADE_COMMANDS.valueDeserializer(registry))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.stream().noneMatch(command::equals) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, UpgradeCommand> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).contains(command);
        assertThat(registry.subjects()).contains("upshift.upgrade-commands.v1-value");
    }

    @Test
    void anUndecodableRecordIsReportedWithTopicPartitionOffsetAndReason(DevStack stack) {
        String topic = Topics.SUBSCRIBER_NOTICES.name();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, "00D000000000001EAA", new byte[] {7, 0, 0, 0, 1, 2}));
        }
        SchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.schemaRegistryUrl());
        try (KafkaConsumer<String, ?> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.SUBSCRIBER_NOTICES.keyDeserializer(), Topics.SUBSCRIBER_NOTICES.valueDeserializer(registry))) {
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> {
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(org.apache.kafka.common.errors.RecordDeserializationException.class)
                    .hasMessageContaining(topic + "-0")
                    .hasMessageContaining("offset")
                    .cause().hasMessageContaining("topic " + topic)
                    .hasMessageContaining("unknown magic byte 0x07");
        }
    }

    @Test
    void theRegistryAnswersLikeTheConfluentOne(DevStack stack) throws Exception {
        int id = stack.schemaRegistry().registry().register("devstack-it-value", UpgradeCommand.getClassSchema());
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> latest = get(http, stack.schemaRegistryUrl() + "/subjects/devstack-it-value/versions/latest");
        HttpResponse<String> byId = get(http, stack.schemaRegistryUrl() + "/schemas/ids/" + id);
        HttpResponse<String> missing = get(http, stack.schemaRegistryUrl() + "/schemas/ids/99999");
        HttpResponse<String> subjects = get(http, stack.schemaRegistryUrl() + "/subjects");

        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).contains("\"subject\":\"devstack-it-value\"", "\"version\":1", "\"id\":" + id);
        assertThat(byId.body()).contains("UpgradeCommand");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error_code\":40403");
        assertThat(subjects.body()).contains("devstack-it-value");
        assertThatThrownBy(() -> new HttpSchemaRegistryClient(stack.schemaRegistryUrl()).schemaById(99999))
                .isInstanceOf(SchemaRegistryClient.UnknownSchemaException.class);
    }

    @Test
    void givesEachServiceItsOwnPostgresDatabase(DevStack stack) throws Exception {
        try (Connection connection = stack.dataSource("planner").getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_database(), version()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("planner");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
        }
        assertThat(stack.jdbcUrl("notifier")).endsWith("/notifier");
    }

    @Test
    void receivesMailOverSmtpAndWritesItAsEml(DevStack stack, @TempDir Path directory) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", stack.smtp().host());
        properties.put("mail.smtp.port", String.valueOf(stack.smtp().port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("upshift@isv.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("admin@subscriber.example"));
        message.setSubject("devstack-it");
        message.setText("hello");
        Transport.send(message);

        assertThat(stack.smtp().receivedMessages()).extracting(MimeMessage::getSubject).contains("devstack-it");
        int written = stack.smtp().writeTo(directory);
        assertThat(written).isPositive();
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).contains("00001.eml");
        }
    }

    @Test
    void keepsOneCopyPerRecipientAsTheTestsCountThem(DevStack stack) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", stack.smtp().host());
        properties.put("mail.smtp.port", String.valueOf(stack.smtp().port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("upshift@isv.example"));
        message.setRecipients(Message.RecipientType.TO, new InternetAddress[] {
            new InternetAddress("first-admin@subscriber.example"), new InternetAddress("second-admin@subscriber.example")});
        message.setSubject("devstack-it two recipients");
        message.setText("hello");
        Transport.send(message);

        assertThat(stack.smtp().receivedMessages()).extracting(MimeMessage::getSubject)
                .filteredOn("devstack-it two recipients"::equals).hasSize(2);
    }

    @Test
    void pointsAServiceAtEveryPartWithSpringProperties(DevStack stack) {
        assertThat(stack.springProperties("planner")).containsKeys(
                "spring.kafka.bootstrap-servers", "upshift.kafka.schema-registry-url", "spring.datasource.url",
                "spring.mail.host", "spring.mail.port");
        assertThat(stack.springProperties(null).keySet()).doesNotContain("spring.datasource.url");
        assertThat(Set.copyOf(stack.config().databases())).contains("planner", "notifier");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static UpgradeCommand command() {
        return UpgradeCommand.newBuilder()
                .setCommandId(UUID.randomUUID())
                .setCampaignId(UUID.randomUUID())
                .setWaveNumber(0)
                .setOrgId("00D000000000001EAA")
                .setOrgName("Acme")
                .setOrgType(OrgType.PRODUCTION)
                .setInstance("NA135")
                .setPackageId("033000000000001AAA")
                .setFromVersion("4.1.0")
                .setTargetVersion("4.2.1")
                .setPackageVersionId("04t000000000001AAA")
                .setNotBefore(T0)
                .setNotAfter(T0.plusSeconds(3600))
                .setAttempt(1)
                .setIssuedAt(T0)
                .build();
    }
}
