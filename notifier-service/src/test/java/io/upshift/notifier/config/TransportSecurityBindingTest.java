package io.upshift.notifier.config;

import io.upshift.common.testing.TransportSecurityContract;
import io.upshift.schemas.Topics;

/** The notifier's application.yml carries Kafka over TLS with SASL and PostgreSQL over TLS from a deployment's settings. */
class TransportSecurityBindingTest extends TransportSecurityContract {

    TransportSecurityBindingTest() {
        super("notifier", Topics.SUBSCRIBER_NOTICES);
    }
}
