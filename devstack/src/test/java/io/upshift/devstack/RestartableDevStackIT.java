package io.upshift.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restartable devstack: the broker, PostgreSQL and the SMTP server go away and come back on
 * the same address with what they held, as real servers do after a restart.
 */
class RestartableDevStackIT {

    private static final String TOPIC = "upshift.campaign-events.v1";
    private static DevStack stack;

    @BeforeAll
    static void start() {
        stack = DevStack.start(DevStackConfig.forTests().withDefaultPartitions(1).withRestartableParts());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theBrokerComesBackOnTheSameAddressWithItsRecordsAndCommittedOffsets() throws Exception {
        String address = stack.kafkaBootstrapServers();
        produce("before-1", "before-2");
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = consumer("restart-it")) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThat(pollUntil(consumer, 2)).containsExactly("before-1", "before-2");
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1)));
        }

        stack.stopKafka();
        assertThat(stack.isKafkaRunning()).isFalse();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", address,
                "default.api.timeout.ms", 2000, "request.timeout.ms", 1000))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get()).hasMessageContaining("Timed out");
        }
        stack.startKafka();

        assertThat(stack.kafkaBootstrapServers()).isEqualTo(address);
        produce("after");
        try (KafkaConsumer<String, String> consumer = consumer("restart-it")) {
            consumer.assign(List.of(partition));
            assertThat(consumer.committed(java.util.Set.of(partition)).get(partition).offset()).isEqualTo(1);
            assertThat(pollUntil(consumer, 2)).containsExactly("before-2", "after");
        }
    }

    @Test
    void postgresComesBackOnTheSamePortWithItsRows() throws Exception {
        String url = stack.jdbcUrl("planner");
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("create table restart_it (id int primary key)");
            statement.execute("insert into restart_it values (1), (2)");
        }

        stack.stopPostgres();
        assertThat(stack.isPostgresRunning()).isFalse();
        assertThatThrownBy(() -> connect(url).close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("Connection to localhost:" + stack.postgresPort() + " refused");
        stack.startPostgres();

        try (Connection connection = connect(url); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from restart_it")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void theMailboxKeepsWhatTheSmtpServerReceivedBeforeARestart() throws Exception {
        send("before the restart");
        stack.smtp().stop();
        stack.smtp().start();
        send("after the restart");

        assertThat(stack.smtp().receivedMessages()).extracting(MimeMessage::getSubject)
                .contains("before the restart", "after the restart");
    }

    private static void produce(String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "key", value));
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (values.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, stack.databaseUser(), stack.databasePassword());
    }

    private static void send(String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", stack.smtp().host());
        properties.put("mail.smtp.port", String.valueOf(stack.smtp().port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("upshift@isv.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("admin@subscriber.example"));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);
    }
}
