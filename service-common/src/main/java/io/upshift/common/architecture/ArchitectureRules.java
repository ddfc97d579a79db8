package io.upshift.common.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * Layering rules every service checks in its own ArchitectureTest: the domain is plain Java,
 * so it can be read, tested and changed without a broker, a database or a framework.
 */
public final class ArchitectureRules {

    /** Nothing in a {@code ..domain..} package imports Spring, Kafka, JDBC, Jakarta EE or Avro's generated messages. */
    public static final ArchRule DOMAIN_IS_FRAMEWORK_FREE = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..",
                    "org.apache.kafka..",
                    "java.sql..",
                    "javax.sql..",
                    "jakarta.persistence..",
                    "jakarta.mail..",
                    "org.flywaydb..",
                    "org.postgresql..",
                    "io.upshift.messages..")
            .because("the domain is plain Java: adapters (kafka, jdbc, web, config) translate at the edges");

    /**
     * The feature packages directly under a service's root package ({@code io.upshift.planner.campaign},
     * {@code …dispatch} …) form layers that only look down: no two of them depend on each other, directly
     * or around a loop, so each can be read and changed knowing only the ones below it.
     *
     * @param servicePackage the service's root package, e.g. {@code io.upshift.planner}
     */
    public static ArchRule featurePackagesAreFreeOfCycles(String servicePackage) {
        return slices().matching(servicePackage + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .because("a lower feature package never imports a higher one");
    }

    private ArchitectureRules() {
    }
}
