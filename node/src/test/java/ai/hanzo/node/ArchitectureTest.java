package ai.hanzo.node;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package directions of ARCHITECTURE.md: a wrong import fails the build. */
class ArchitectureTest {
  private static final String ROOT = "ai.hanzo.node.";
  private static final List<String> PACKAGES = List.of("cli", "client", "app", "api", "compute", "runtime", "iam",
      "p2p", "metrics", "storage", "events", "config", "lifecycle", "registry", "inference", "models",
      "chain", "usage", "qos");

  /** Which node packages each package may use (itself and {@code config} always allowed). */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("cli", Set.of("app", "client", "lifecycle")),
      Map.entry("client", Set.of("api", "iam")),
      Map.entry("app", Set.copyOf(PACKAGES)),
      Map.entry("api", Set.of("compute", "iam", "metrics", "events", "storage", "registry", "p2p", "chain",
          "inference", "models", "usage", "qos")),
      Map.entry("compute", Set.of("runtime", "storage", "events", "metrics")),
      Map.entry("runtime", Set.of()),
      Map.entry("iam", Set.of("storage")),
      Map.entry("p2p", Set.of("events", "metrics", "storage", "qos")),
      Map.entry("registry", Set.of("events", "metrics", "storage")),
      Map.entry("chain", Set.of("metrics", "storage")),
      Map.entry("metrics", Set.of()),
      Map.entry("events", Set.of("storage")),
      Map.entry("storage", Set.of()),
      Map.entry("lifecycle", Set.of()),
      Map.entry("inference", Set.of("models")),
      Map.entry("models", Set.of()),
      Map.entry("usage", Set.of("storage")),
      Map.entry("qos", Set.of()),
      Map.entry("config", Set.of()));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("ai.hanzo.node");
  }

  @Test
  void packagesDependOnlyInTheDocumentedDirections() {
    for (String pkg : PACKAGES) {
      Set<String> allowed = ALLOWED.get(pkg);
      String[] forbidden = PACKAGES.stream()
          .filter(other -> !other.equals(pkg) && !other.equals("config") && !allowed.contains(other))
          .map(other -> ROOT + other + "..")
          .toArray(String[]::new);
      if (forbidden.length == 0) {
        continue;
      }
      // The generated hanzo.node.v1 classes are the wire contract, not the api package: who may use them is
      // wireTypesStayInTheApiLayer's business.
      noClasses().that().resideInAPackage(ROOT + pkg + "..")
          .and().resideOutsideOfPackage(ROOT + "api.v1..")
          .should().dependOnClassesThat(resideInAnyPackage(forbidden).and(not(resideInAPackage(ROOT + "api.v1.."))))
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  @Test
  void runtimeImplementationsDoNotKnowEachOther() {
    for (String impl : List.of("process", "runc", "docker")) {
      String[] others = Stream.of("process", "runc", "docker").filter(o -> !o.equals(impl))
          .map(o -> ROOT + "runtime." + o + "..").toArray(String[]::new);
      noClasses().that().resideInAPackage(ROOT + "runtime." + impl + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .allowEmptyShould(true)
          .check(classes);
    }
  }

  /** The orchestrator speaks only the runtime SPI, never an implementation or the runc image store. */
  @Test
  void computeUsesOnlyTheRuntimeSpi() {
    noClasses().that().resideInAPackage(ROOT + "compute..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + "runtime.(*)..")
        .check(classes);
  }

  @Test
  void wireTypesStayInTheApiLayer() {
    noClasses().that().resideInAPackage("ai.hanzo.node..")
        .and().resideOutsideOfPackages(ROOT + "api..", ROOT + "client..", ROOT + "app..", ROOT + "p2p.gossip.wire..",
            ROOT + "p2p.inference.wire..", ROOT + "p2p.qos.wire..", ROOT + "p2p.placement.wire..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "com.google.protobuf..", "io.grpc..", "com.linecorp.armeria..", ROOT + "api..")
        .allowEmptyShould(true)
        .check(classes);
  }

  /**
   * The gossip, inference-protocol, QoS-protocol and deploy-protocol codecs speak network.proto,
   * network_inference.proto, qos.proto and placement.proto, nothing else of the API: no transport, no server classes.
   */
  @Test
  void gossipCodecsUseOnlyTheGeneratedMessages() {
    noClasses().that().resideInAnyPackage(ROOT + "p2p.gossip.wire..", ROOT + "p2p.inference.wire..",
            ROOT + "p2p.qos.wire..", ROOT + "p2p.placement.wire..")
        .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "com.linecorp.armeria..")
        .orShould().dependOnClassesThat(resideInAPackage(ROOT + "api..").and(not(resideInAPackage(ROOT + "api.v1.."))))
        .check(classes);
  }

  /** llama.cpp's Java binding is one engine among possible others: only its package knows it. */
  @Test
  void onlyTheLlamaEngineUsesLlamaCpp() {
    noClasses().that().resideOutsideOfPackage(ROOT + "inference.llama..")
        .should().dependOnClassesThat().resideInAPackage("de.kherud.llama..")
        .check(classes);
  }

  @Test
  void onlyTheCliReadsTheEnvironment() {
    noClasses().that().resideOutsideOfPackage(ROOT + "cli..")
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .check(classes);
  }
}
