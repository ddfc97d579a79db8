package io.upshift.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The console's shape: feature packages (api, signin, web) without cycles, and no class of the services
 * it drives — it knows the planner and the notifier only through their public REST APIs, so every console
 * action is a call a script could make too, and the demo's shared class path cannot blur that.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.upshift.console");

    @Test
    void theFeaturePackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.upshift.console.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theConsoleUsesTheServicesOnlyThroughTheirRestApis() {
        noClasses().that().resideInAPackage("io.upshift.console..").should().dependOnClassesThat()
                .resideInAnyPackage("io.upshift.planner..", "io.upshift.notifier..", "io.upshift.executor..",
                        "io.upshift.security..", "io.upshift.common..", "io.upshift.schemas..", "io.upshift.salesforce..",
                        "io.upshift.fleet..")
                .because("the console calls the planner's and the notifier's REST APIs with the person's credential")
                .check(CLASSES);
    }

    @Test
    void theApiClientKnowsNothingOfPagesOrSignIn() {
        noClasses().that().resideInAPackage("io.upshift.console.api..").should().dependOnClassesThat()
                .resideInAnyPackage("io.upshift.console.web..", "io.upshift.console.signin..").check(CLASSES);
    }
}
