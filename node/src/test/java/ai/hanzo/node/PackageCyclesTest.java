package ai.hanzo.node;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the node need each other, at the top level or package by package: a cycle means neither can
 * be understood, tested or changed alone. {@link ArchitectureTest} says which way packages may depend; this catches
 * what its lists do not name, such as two sub-packages of one package.
 */
class PackageCyclesTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("ai.hanzo.node");
  }

  /**
   * The generated {@code hanzo.node.v1} classes come from the {@code api} module, not from node's {@code api}
   * package, though their package name starts the same: a use of them (the gossip codecs in {@code p2p} use
   * network.proto) is not a use of node's {@code api}.
   */
  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("ai.hanzo.node.(*)..").should().beFreeOfCycles()
        .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage("ai.hanzo.node.api.v1.."))
        .check(classes);
  }

  @Test
  void everyPackageIsFreeOfCycles() {
    slices().matching("ai.hanzo.node.(**)").should().beFreeOfCycles().check(classes);
  }
}
