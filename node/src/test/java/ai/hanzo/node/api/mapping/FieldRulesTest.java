package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.ComposeSpec;
import ai.hanzo.node.api.v1.DeployRequest;
import ai.hanzo.node.api.v1.DeploymentOptions;
import ai.hanzo.node.api.v1.QueryAuditRequest;
import ai.hanzo.node.api.v1.RegisterNodeRequest;
import ai.hanzo.node.api.v1.ServiceSpec;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.testing.RandomCases;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The one set of request limits (issue 12 items 3 and 4): what it refuses, and that what it accepts is storable. */
public class FieldRulesTest {
  private static DeployRequest deployment(UnaryOperator<ServiceSpec.Builder> service) {
    return DeployRequest.newBuilder().setDeploymentId("web").setName("web").setSpec(ComposeSpec.newBuilder()
        .putServices("web", service.apply(ServiceSpec.newBuilder().setImage("process")
            .addAllCommand(List.of("sh", "-c", "exec sleep 600"))).build())).build();
  }

  private static void assertRefused(com.google.protobuf.MessageOrBuilder request, String field) {
    assertThatThrownBy(() -> FieldRules.check(request)).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.details()).containsEntry("field", field);
    });
  }

  @Test
  void environmentNamesTheRuntimeWouldRejectAreRefusedWithTheirPath() {
    assertRefused(deployment(s -> s.putEnvironment("A=B", "1")), "spec.services[web].environment[A=B]");
    assertRefused(deployment(s -> s.putEnvironment("", "1")), "spec.services[web].environment[]");
    assertRefused(deployment(s -> s.putEnvironment("A\0B", "1")), "spec.services[web].environment[A?B]");
    assertRefused(deployment(s -> s.putEnvironment("A", "x\0y")), "spec.services[web].environment[A]");
    assertRefused(deployment(s -> s).toBuilder().putEnvironment("A=B", "1"), "environment[A=B]");
    // The mapper applies the same rules, whoever calls it.
    assertThatThrownBy(() -> DeployRequestMapper.map(deployment(s -> s.putEnvironment("A=B", "1"))))
        .isInstanceOf(NodeException.class).hasMessageContaining("environment[A=B]");
  }

  @Test
  void theAttacksOfIssue12AreRefused() {
    assertRefused(deployment(s -> s).toBuilder().setName("web\ud800"), "name");
    assertRefused(deployment(s -> s).toBuilder().setName("x".repeat(3_000_000)), "name");
    assertRefused(deployment(s -> s).toBuilder().setOptions(DeploymentOptions.newBuilder().putLabels("k", "a\0b")),
        "options.labels[k]");
    assertRefused(deployment(s -> s).toBuilder().setOptions(DeploymentOptions.newBuilder().putLabels("k\n", "v")),
        "options.labels[k?]");
    assertRefused(deployment(s -> s.setCommand(1, "-\0c")), "spec.services[web].command[1]");
    assertRefused(deployment(s -> s.addEntrypoint("x".repeat(FieldRules.MAX_ARGUMENT + 1))),
        "spec.services[web].entrypoint[0]");
    assertRefused(deployment(s -> s.setImage("i".repeat(FieldRules.MAX_TEXT + 1))), "spec.services[web].image");
    assertRefused(RegisterNodeRequest.newBuilder().setOperatorAddress("o".repeat(FieldRules.MAX_TEXT + 1)),
        "operator_address");
    assertRefused(RegisterNodeRequest.newBuilder().setNodeId("n\tx"), "node_id");
    assertRefused(QueryAuditRequest.newBuilder().setPrincipal("p\ud800"), "principal");
  }

  @Test
  void ordinaryRequestsPass() {
    DeployRequest ok = deployment(s -> s.putEnvironment("GREETING", "héllo wörld \uD83D\uDE00 = fine")
        .addPorts("8080:80").addVolumes("data:/data"));
    FieldRules.check(ok);
    DeployRequestMapper.map(ok);
  }

  /** Random strings anywhere in a deployment: refused with INVALID_ARGUMENT naming a field, or storable. */
  @Test
  void randomStringsAreRefusedCleanlyOrStorable() {
    System.out.println("FieldRulesTest seed: " + Long.getLong("hanzo.test.seed", 0x5EEDL));
    RandomCases.forAll(2_000, gen -> {
      Random r = gen;
      DeployRequest request = DeployRequest.newBuilder().setDeploymentId("web").setName(nasty(r))
          .putEnvironment(nasty(r), nasty(r))
          .setOptions(DeploymentOptions.newBuilder().putLabels(nasty(r), nasty(r)).setNamespace(nasty(r)))
          .setSpec(ComposeSpec.newBuilder().putServices(nasty(r), ServiceSpec.newBuilder().setImage("i" + nasty(r))
              .addCommand(nasty(r)).putEnvironment(nasty(r), nasty(r)).addPorts(nasty(r)).build()))
          .build();
      try {
        DeployRequestMapper.map(request);
      } catch (NodeException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.details()).containsKey("field");
        return;
      }
      // Accepted: it must encode as the node stores and prints it.
      assertThat(DeployRequest.parseFrom(request.toByteArray())).isEqualTo(request);
      assertThat(Json.print(request)).isNotEmpty();
    });
  }

  /** Mostly harmless text, sometimes NUL, control characters, '=', lone or paired surrogates, or far too long. */
  public static String nasty(Random r) {
    int length = switch (r.nextInt(20)) {
      case 0 -> FieldRules.MAX_NAME + r.nextInt(3);
      case 1 -> FieldRules.MAX_TEXT + r.nextInt(3);
      default -> r.nextInt(12);
    };
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (r.nextInt(40)) {
        case 0 -> sb.append('\0');
        case 1 -> sb.append((char) r.nextInt(0x20));
        case 2 -> sb.append('=');
        case 3 -> sb.append((char) (0xD800 + r.nextInt(0x800)));
        case 4 -> sb.append("\uD83D\uDE00");
        case 5 -> sb.append((char) (0x80 + r.nextInt(0x20)));
        case 6 -> sb.append((char) (0xA0 + r.nextInt(0xD800 - 0xA0)));
        default -> sb.append((char) ('a' + r.nextInt(26)));
      }
    }
    return sb.toString();
  }
}
