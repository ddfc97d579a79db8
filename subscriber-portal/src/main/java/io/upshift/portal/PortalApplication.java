package io.upshift.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The subscriber portal: the public page behind the signed link of a notice. It stores nothing: it
 * checks the link, reads what the link allows from the planner (a narrow endpoint, with the portal's
 * own service key), and sends the subscriber's request to the planner over Kafka — the planner stays the
 * only writer of campaign targets and checks the link again.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
