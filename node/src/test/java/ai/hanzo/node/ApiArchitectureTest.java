package ai.hanzo.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rules for the API slice beyond {@link ArchitectureTest}: the {@code error} package (used by every layer) stays a
 * leaf, the CLI reaches the API only through its client facade, never through wire types, and the parts of
 * {@code api} depend in one direction: the root assembles {@code grpc} and {@code http}, which use
 * {@code endpoint}, which uses {@code access} and {@code mapping}; {@code access} uses only {@code mapping}.
 */
class ApiArchitectureTest {
  private static final String API = "ai.hanzo.node.api";

  /** For each part of the API, the other parts it must not use ("" is the root, which assembles the servers). */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "mapping", List.of("", "grpc", "http", "endpoint", "access"),
      "access", List.of("", "grpc", "http", "endpoint"),
      "endpoint", List.of("", "grpc", "http"),
      "grpc", List.of("", "http"),
      "http", List.of("", "grpc"));

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

  @Test
  void thePartsOfTheApiDependInOneDirection() {
    FORBIDDEN.forEach((part, forbidden) -> noClasses().that().resideInAPackage(API + "." + part + "..")
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.stream()
            .map(p -> p.isEmpty() ? API : API + "." + p + "..").toArray(String[]::new))
        .check(NODE));
  }

  @Test
  void theClientUsesOfTheServerOnlyItsMapping() {
    noClasses().that().resideInAPackage("ai.hanzo.node.client..")
        .should().dependOnClassesThat().resideInAnyPackage(API, API + ".grpc..", API + ".http..",
            API + ".endpoint..", API + ".access..")
        .check(NODE);
  }
}
