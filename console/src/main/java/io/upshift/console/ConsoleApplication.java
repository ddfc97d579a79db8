package io.upshift.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import java.time.Clock;

/**
 * The release engineer's web console. It holds no data of its own: every page reads the planner's and
 * the notifier's public REST APIs, and every button is an API call made with the signed-in person's own
 * credential — so the API's access rules, four eyes and audit trail apply to the console as to a script.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * No resource-URL rewriting of links. Thymeleaf's auto-configuration registers the filter because the
     * webjars locator is present, and it then resolves <em>every</em> link a page builds (each org of the orgs
     * table) against the class path — a missed lookup is not cached, so it was most of a large campaign page's
     * time (bench console, JFR). This disabled registration stands in for Boot's (which backs off when a
     * registration of the filter exists); the pages name their scripts without versions and the webjars
     * handler still resolves those on request.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlRewriting() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
