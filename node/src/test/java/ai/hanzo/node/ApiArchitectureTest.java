package ai.hanzo.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Rules for the API slice beyond {@link ArchitectureTest}: the {@code error} package (used by every layer) stays a
 * leaf, and the CLI reaches the API only through its client facade, never through wire types.
 */
class ApiArchitectureTest {
  private static final JavaClasses NODE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("ai.hanzo.node");

  @Test
  void theErrorPackageDependsOnlyOnTheJdk() {
    noClasses().that().resideInAPackage("ai.hanzo.node.error..")
        .should().dependOnClassesThat().resideOutsideOfPackages("ai.hanzo.node.error..", "java..")
        .check(NODE);
  }

  @Test
  void theCliUsesTheApiOnlyThroughItsClient() {
    noClasses().that().resideInAPackage("ai.hanzo.node.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..", "io.grpc..",
            "com.linecorp.armeria..", "ai.hanzo.node.api.v1..")
        .check(NODE);
  }
}
