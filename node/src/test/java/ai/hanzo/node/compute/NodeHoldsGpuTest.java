package ai.hanzo.node.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.compute.DeploymentRequest.ComposeProject;
import ai.hanzo.node.compute.DeploymentRequest.GpuRequest;
import ai.hanzo.node.compute.DeploymentRequest.Options;
import ai.hanzo.node.compute.DeploymentRequest.Resources;
import ai.hanzo.node.compute.DeploymentRequest.ServiceDefinition;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hold keeps concrete GPUs: never handed to another deployment, handed to the deployment that uses the hold. */
class NodeHoldsGpuTest {
  private static final List<GpuDevice> FOUR = List.of(gpu(0), gpu(1), gpu(2), gpu(3));
  private static final NodeCapacity BIG = new NodeCapacity(64_000_000_000L, 1L << 40);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final Admission admission = new Admission(BIG, () -> FOUR);

  private static GpuDevice gpu(int i) {
    return new GpuDevice(Integer.toString(i), "GPU-" + i, "NVIDIA A100-SXM4-80GB", 80L << 30);
  }

  private static DesiredDeployment asking(String id, int replicas, int gpus) {
    ServiceDefinition s = new ServiceDefinition("", List.of("true"), List.of(), Map.of(), List.of(), List.of(),
        List.of(), replicas, null, new Resources("", "", 0, List.of(new GpuRequest(gpus, List.of()))), null, "no");
    return DesiredDeployment.of(new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", s),
        Map.of(), Map.of()), Map.of(), new Options("", "", Map.of(), null)));
  }

  private static CapacityHold make(String id, int gpus, List<CapacityHold> existing, List<DesiredDeployment> running) {
    return NodeHolds.make(new HoldRequest(id, "acme", "peer", 0, 0, 1, gpus, NOW.plusSeconds(60)), NOW, existing,
        BIG, running, FOUR, "node-b");
  }

  @Test
  void aHeldGpuIsNeverHandedToAnotherDeployment() {
    DesiredDeployment a = admission.admit(asking("a", 1, 1), Map.of(), List.of());
    CapacityHold h = make("h1", 2, List.of(), List.of(a));
    assertThat(h.gpus()).hasSize(2).doesNotContainAnyElementsOf(a.gpus().get("a-app-1"));
    HeldCapacity held = HeldCapacity.of(List.of(h), NOW, null);
    assertThat(NodeHolds.freeGpus(FOUR, List.of(a), held)).hasSize(1);
    DesiredDeployment b = admission.admit(asking("b", 1, 1), Map.of(), List.of(a), held);
    assertThat(b.gpus().get("b-app-1")).doesNotContainAnyElementsOf(h.gpus());
    assertThatThrownBy(() -> admission.admit(asking("c", 1, 1), Map.of(), List.of(a, b), held))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED));
    assertThatThrownBy(() -> make("h2", 2, List.of(h), List.of(a, b)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("2 GPUs wanted, 0 free of 4");
        });
  }

  @Test
  void theDeploymentUsingAHoldGetsItsGpus() {
    DesiredDeployment a = admission.admit(asking("a", 1, 1), Map.of(), List.of());
    CapacityHold h = make("h1", 2, List.of(), List.of(a));
    DesiredDeployment user = asking("user", 2, 1);
    DesiredDeployment admitted = admission.admit(user, NodeHolds.spread(user, h), List.of(a),
        HeldCapacity.of(List.of(h), NOW, h.id()));
    assertThat(admitted.gpus().values().stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrderElementsOf(h.gpus());
  }

  @Test
  void theCountPerOrgIsBounded() {
    List<CapacityHold> many = new java.util.ArrayList<>();
    for (int i = 0; i < CapacityHolds.MAX_PER_ORG; i++) {
      many.add(make("h" + i, 0, many, List.of()));
    }
    assertThatThrownBy(() -> make("one-more", 0, many, List.of()))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("has 64 allocations on node node-b already");
        });
  }
}
