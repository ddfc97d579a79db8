package io.upshift.planner.config;

import io.upshift.common.testing.TransportSecurityContract;
import io.upshift.schemas.Topics;

/** The planner's application.yml carries Kafka over TLS with SASL and PostgreSQL over TLS from a deployment's settings. */
class TransportSecurityBindingTest extends TransportSecurityContract {

    TransportSecurityBindingTest() {
        super("planner", Topics.UPGRADE_OUTCOMES);
    }
}
