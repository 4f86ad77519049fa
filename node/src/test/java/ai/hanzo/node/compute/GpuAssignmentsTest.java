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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GpuAssignmentsTest {
  private static final List<GpuDevice> FOUR = List.of(gpu(0), gpu(1), gpu(2), gpu(3));
  private final Admission admission = new Admission(new NodeCapacity(64_000_000_000L, 1L << 40), () -> FOUR);

  private static GpuDevice gpu(int i) {
    return new GpuDevice(Integer.toString(i), "GPU-" + i, "NVIDIA A100-SXM4-80GB", 80L << 30);
  }

  private static DesiredDeployment asking(String id, int replicas, GpuRequest... gpus) {
    ServiceDefinition s = new ServiceDefinition("", List.of("true"), List.of(), Map.of(), List.of(), List.of(),
        List.of(), replicas, null, new Resources("", "", 0, List.of(gpus)), null, "no");
    return DesiredDeployment.of(new DeploymentRequest(id, id, new ComposeProject("3", id, Map.of("app", s),
        Map.of(), Map.of()), Map.of(), new Options("", "", Map.of(), null)));
  }

  private static GpuRequest count(int n) {
    return new GpuRequest(n, List.of());
  }

  @Test
  void replicasGetGpusNoOtherReplicaHolds() {
    DesiredDeployment a = admission.admit(asking("a", 2, count(1)), Map.of(), List.of());
    assertThat(a.gpus()).containsOnlyKeys("a-app-1", "a-app-2");
    DesiredDeployment b = admission.admit(asking("b", 1, count(2)), Map.of(), List.of(a));
    Set<String> all = new HashSet<>();
    a.gpus().values().forEach(all::addAll);
    b.gpus().values().forEach(all::addAll);
    assertThat(all).as("four GPUs, four holders, none shared").containsExactlyInAnyOrder("0", "1", "2", "3");
    assertThatThrownBy(() -> admission.admit(asking("c", 1, count(1)), Map.of(), List.of(a, b)))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("'c' asks for 1 GPUs (all its replicas together) but this node has 4 GPUs:"
              + " 4 held by other deployments, 0 kept by allocations, so at most 0 are available to it");
        });
    assertThat(admission.admit(asking("c", 1, count(1)), Map.of(), List.of(a, b.withRunning(false))).gpus())
        .as("a stopped deployment holds no GPU").containsOnlyKeys("c-app-1");
  }

  @Test
  void moreGpusThanTheNodeHasIsRefusedWithTheNumbers() {
    assertThatThrownBy(() -> admission.admit(asking("big", 3, count(2)), Map.of(), List.of()))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).contains("asks for 6 GPUs (all its replicas together) but this node has 4 GPUs: 0 held by"
              + " other deployments, 0 kept by allocations, so at most 4 are available to it (0 of them it holds"
              + " already)");
        });
    Admission none = new Admission(new NodeCapacity(1_000_000_000L, 1L << 30), GpuInventory.NONE);
    assertThatThrownBy(() -> none.admit(asking("one", 1, count(1)), Map.of(), List.of()))
        .isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.getMessage())
            .contains("this node has 0 GPUs"));
  }

  /** The scale refusal used to say "2 of them are free" about the two GPUs the deployment itself held. */
  @Test
  void aScaleRefusalSaysWhoHoldsEachGpuAndWhatIsAvailableToThisRequest() {
    Map<String, List<String>> before = Map.of("a-app-1", List.of("0"), "a-app-2", List.of("1"));
    DesiredDeployment other = admission.admit(asking("b", 1, count(1)), Map.of("b-app-1", List.of("2")), List.of());
    assertThat(other.gpus()).containsEntry("b-app-1", List.of("2"));
    assertThatThrownBy(() -> GpuAssignments.assign(asking("a", 4, count(1)), before, List.of(other), FOUR,
        Set.of("3")))
        .isInstanceOfSatisfying(NodeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
          assertThat(e.getMessage()).isEqualTo("deployment 'a' asks for 4 GPUs (all its replicas together) but this"
              + " node has 4 GPUs: 1 held by other deployments, 1 kept by allocations, so at most 2 are available to"
              + " it (2 of them it holds already)");
        });
  }

  @Test
  void aReplicaKeepsTheGpusItHadWhenTheyStillFit() {
    Map<String, List<String>> before = Map.of("a-app-1", List.of("3"), "a-app-2", List.of("1"));
    DesiredDeployment again = admission.admit(asking("a", 2, count(1)), before, List.of());
    assertThat(again.gpus()).isEqualTo(before);
    DesiredDeployment scaled = admission.admit(asking("a", 3, count(1)), before, List.of());
    assertThat(scaled.gpus()).containsEntry("a-app-1", List.of("3")).containsEntry("a-app-2", List.of("1"))
        .containsEntry("a-app-3", List.of("0"));
  }

  @Test
  void namedGpusAreGivenToEveryReplicaOfTheServiceButNotTakenFromAnotherDeployment() {
    DesiredDeployment named = admission.admit(asking("n", 2, new GpuRequest(0, List.of("GPU-2", "0"))), Map.of(),
        List.of());
    assertThat(named.gpus()).containsEntry("n-app-1", List.of("2", "0")).containsEntry("n-app-2", List.of("2", "0"));
    DesiredDeployment other = admission.admit(asking("o", 1, count(2)), Map.of(), List.of(named));
    assertThat(other.gpus().get("o-app-1")).containsExactly("1", "3");
    assertThatThrownBy(() -> admission.admit(asking("x", 1, new GpuRequest(0, List.of("1"))), Map.of(),
        List.of(other))).isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.getMessage())
        .contains("another running deployment holds it"));
    assertThatThrownBy(() -> admission.admit(asking("y", 1, new GpuRequest(0, List.of("GPU-9"))), Map.of(),
        List.of())).isInstanceOfSatisfying(NodeException.class, e -> assertThat(e.getMessage())
        .contains("asks for GPU 'GPU-9'").contains("GPUs 0 (GPU-0), 1 (GPU-1)"));
  }

  @Test
  void scalingDownFreesTheGpusOfTheReplicasThatGo() {
    DesiredDeployment three = admission.admit(asking("a", 3, count(1)), Map.of(), List.of());
    DesiredDeployment one = three.withReplicas("app", 1);
    assertThat(GpuAssignments.kept(one)).containsOnlyKeys("a-app-1")
        .containsEntry("a-app-1", three.gpus().get("a-app-1"));
  }

  @Test
  void aReplicaMadeWithOtherGpusIsOutdated() {
    DesiredDeployment a = admission.admit(asking("a", 1, count(1)), Map.of("a-app-1", List.of("2")), List.of());
    ReplicaName replica = new ReplicaName("a", "app", 1);
    ReplicaSpecs specs = new ReplicaSpecs(java.nio.file.Path.of("/tmp/volumes"));
    var made = specs.spec(a, replica, "n");
    assertThat(made.limits().gpus()).containsExactly("2");
    var running = new ai.hanzo.node.runtime.ContainerState("c1", made.name(), made.image(),
        ai.hanzo.node.runtime.ContainerStatus.RUNNING, 1, java.util.OptionalInt.empty(), java.time.Instant.EPOCH,
        java.time.Instant.EPOCH, null, made.labels());
    assertThat(ReplicaSpecs.outdated(a, replica, running)).isFalse();
    DesiredDeployment moved = a.withGpus(Map.of("a-app-1", List.of("3")));
    assertThat(ReplicaSpecs.outdated(moved, replica, running)).isTrue();
  }

  @Test
  void countAllTakesEveryGpu() {
    DesiredDeployment all = admission.admit(asking("all", 1, count(GpuRequest.ALL)), Map.of(), List.of());
    assertThat(all.gpus().get("all-app-1")).containsExactly("0", "1", "2", "3");
  }

  @Test
  void deploymentsWithoutGpusGetNone() {
    assertThat(admission.admit(asking("plain", 3), Map.of(), List.of()).gpus()).isEmpty();
  }

  /** Random deployments admitted one after another: whatever is admitted, no two replicas share a counted GPU. */
  @Test
  void noTwoReplicasEverShareACountedGpu() {
    long seed = new Random().nextLong();
    System.out.println("GpuAssignmentsTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<DesiredDeployment> running = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        try {
          running.add(admission.admit(asking("d" + i, 1 + random.nextInt(3), count(1 + random.nextInt(2))),
              Map.of(), running));
        } catch (NodeException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
        }
      }
      List<String> held = new ArrayList<>();
      running.forEach(d -> d.gpus().values().forEach(held::addAll));
      assertThat(held).as("seed " + seed).doesNotHaveDuplicates().isSubsetOf("0", "1", "2", "3");
    }
  }
}
