package io.upshift.executor.execution.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.upshift.common.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/** The commands' way to the dead-letter topic: service-common's recoverer, and the producer it owns. */
final class DeadLetterChannel implements ConsumerRecordRecoverer, DisposableBean {

    private final KafkaTemplate<Object, Object> template;
    private final ConsumerRecordRecoverer recoverer;

    DeadLetterChannel(KafkaTemplate<Object, Object> template, MeterRegistry meters) {
        this.template = template;
        this.recoverer = DeadLetters.recoverer(template, meters);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        recoverer.accept(record, exception);
    }

    @Override
    public void destroy() throws Exception {
        if (template.getProducerFactory() instanceof DisposableBean factory) {
            factory.destroy();
        }
    }
}
