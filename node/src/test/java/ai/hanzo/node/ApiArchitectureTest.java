package ai.hanzo.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package arrows of the API slice (ARCHITECTURE.md): wire types stay in api, the domain stays plain Java. */
class ApiArchitectureTest {
  private static final JavaClasses NODE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("ai.hanzo.node");

  private static final String[] WIRE = {"com.google.protobuf..", "io.grpc..", "com.linecorp.armeria..",
      "ai.hanzo.node.api.v1.."};

  @Test
  void wireTypesLiveOnlyInTheApiPackage() {
    noClasses().that().resideOutsideOfPackages("ai.hanzo.node.api..")
        .should().dependOnClassesThat().resideInAnyPackage(WIRE)
        .check(NODE);
  }

  @Test
  void theDomainPackagesDoNotKnowTheApi() {
    noClasses().that().resideInAnyPackage("ai.hanzo.node.metrics..", "ai.hanzo.node.events..",
            "ai.hanzo.node.registry..", "ai.hanzo.node.compute..", "ai.hanzo.node.error..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.hanzo.node.api..", "ai.hanzo.node.app..",
            "ai.hanzo.node.cli..", "ai.hanzo.node.lifecycle..")
        .check(NODE);
  }

  @Test
  void eventsAndMetricsDependOnNoOtherDomainPackage() {
    noClasses().that().resideInAnyPackage("ai.hanzo.node.events..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.hanzo.node.registry..", "ai.hanzo.node.compute..",
            "ai.hanzo.node.metrics..")
        .check(NODE);
    noClasses().that().resideInAnyPackage("ai.hanzo.node.metrics..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.hanzo.node.registry..", "ai.hanzo.node.compute..",
            "ai.hanzo.node.events..")
        .check(NODE);
  }

  @Test
  void theApiDoesNotReachIntoTheCompositionRootOrTheCli() {
    noClasses().that().resideInAnyPackage("ai.hanzo.node.api..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.hanzo.node.app..", "ai.hanzo.node.cli..",
            "ai.hanzo.node.lifecycle..")
        .check(NODE);
  }

  @Test
  void onlyTheCliReadsTheEnvironment() {
    noClasses().that().resideOutsideOfPackage("ai.hanzo.node.cli..")
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .check(NODE);
  }
}
