package ai.hanzo.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.HasDescription;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules for the API slice beyond {@link ArchitectureTest}: the {@code error} package (used by every layer) stays a
 * leaf, the CLI reaches the API only through its client facade, never through wire types (which the client keeps out
 * of what it answers), and the parts of {@code api} depend in one direction: the root assembles {@code grpc} and
 * {@code http}, which use {@code endpoint}, which uses {@code access} and {@code mapping}; {@code access} uses only
 * {@code mapping}.
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

  private static final List<String> WIRE_PACKAGES = List.of("com.google.protobuf", "io.grpc",
      "ai.hanzo.node.api.v1");

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

  /**
   * The client answers records: nothing a caller of it sees (a public method's or constructor's parameters and
   * result, a public field) is a protobuf, gRPC or generated {@code api.v1} type, so {@code cli} never needs one.
   */
  @Test
  void theClientsPublicSignaturesCarryNoWireTypes() {
    codeUnits().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("ai.hanzo.node.client..")
        .and().areDeclaredInClassesThat().arePublic()
        .should(mentionNoWireType(unit -> Stream.concat(unit.getParameterTypes().stream(),
            Stream.of(unit.getReturnType()))))
        .check(NODE);
    fields().that().arePublic().and().areDeclaredInClassesThat().resideInAPackage("ai.hanzo.node.client..")
        .should(mentionNoWireType(field -> Stream.of(field.getType())))
        .check(NODE);
  }

  private static <T extends HasDescription> ArchCondition<T> mentionNoWireType(
      Function<T, Stream<JavaType>> signature) {
    return new ArchCondition<>("mention no protobuf, gRPC or api.v1 type") {
      @Override
      public void check(T member, ConditionEvents events) {
        signature.apply(member).flatMap(type -> type.getAllInvolvedRawTypes().stream())
            .filter(raw -> WIRE_PACKAGES.stream().anyMatch(raw.getPackageName()::startsWith))
            .forEach(raw -> events.add(SimpleConditionEvent.violated(member, member.getDescription()
                + " mentions " + raw.getName())));
      }
    };
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
