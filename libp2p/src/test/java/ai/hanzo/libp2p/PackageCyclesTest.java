package ai.hanzo.libp2p;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the library need each other: a cycle means neither can be understood, tested or reused alone
 * (ARCHITECTURE.md lists the packages and their layers).
 */
class PackageCyclesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("ai.hanzo.libp2p");
  }

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("ai.hanzo.libp2p.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageIsFreeOfCycles() {
    slices().matching("ai.hanzo.libp2p.(**)").should().beFreeOfCycles().check(classes);
  }
}
