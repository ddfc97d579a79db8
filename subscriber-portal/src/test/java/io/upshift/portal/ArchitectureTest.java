package io.upshift.portal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.upshift.common.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.upshift.portal");

    @Test
    void theDomainIsFreeOfFrameworkImports() {
        ArchitectureRules.DOMAIN_IS_FRAMEWORK_FREE.allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void theFeaturePackagesDependOnEachOtherWithoutCycles() {
        ArchitectureRules.featurePackagesAreFreeOfCycles("io.upshift.portal").check(CLASSES);
    }
}
