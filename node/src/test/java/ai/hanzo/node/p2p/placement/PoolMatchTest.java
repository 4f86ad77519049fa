package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pool membership: by what a node is, never by how busy or how recently heard it is. */
class PoolMatchTest {
  private static final long GIB = 1L << 30;

  private static Candidate node(String id, String state, boolean cordoned, Duration age, PlacementFacts.Gpus gpus) {
    return new Candidate(id, "peer-" + id, List.of(), false, state, List.of("process", "runc"),
        new PlacementFacts("eu", "eu-1", Map.of("tier", "gold"), cordoned, 0, 0, 0).withGpus(gpus), age);
  }

  @Test
  void everyTermMustMatch() {
    Candidate c = node("n1", "READY", false, Duration.ZERO, PlacementFacts.Gpus.NONE);
    assertThat(PoolMatch.matches(c, Map.of("region", "eu", "zone", "eu-1", "tier", "gold", "runtime", "runc",
        "node_id", "n1"), 0)).isTrue();
    assertThat(PoolMatch.matches(c, Map.of("region", "eu", "tier", "silver"), 0)).isFalse();
    assertThat(PoolMatch.matches(c, Map.of("runtime", "docker"), 0)).isFalse();
    assertThat(PoolMatch.matches(c, Map.of("missing", "x"), 0)).isFalse();
  }

  @Test
  void gpuTermsMatchTheModelPartIgnoringCaseAndTheLeastMemory() {
    Candidate gpu = node("g", "READY", false, Duration.ZERO,
        new PlacementFacts.Gpus(2, 0, "NVIDIA A100-SXM4-80GB", 80 * GIB));
    assertThat(PoolMatch.matches(gpu, Map.of("gpu_model", "a100"), 0)).isTrue();
    assertThat(PoolMatch.matches(gpu, Map.of("gpu_model", "H100"), 0)).isFalse();
    assertThat(PoolMatch.matches(gpu, Map.of("gpu_memory", "40G"), 40 * GIB)).isTrue();
    assertThat(PoolMatch.matches(gpu, Map.of("gpu_memory", "96G"), 96 * GIB)).isFalse();
    Candidate none = node("c", "READY", false, Duration.ZERO, PlacementFacts.Gpus.NONE);
    assertThat(PoolMatch.matches(none, Map.of("gpu_memory", "1G"), GIB)).isFalse();
  }

  @Test
  void aBusyCordonedOrStaleNodeStaysAMemberButAnOlderNodeIsNone() {
    Candidate quiet = node("q", "DRAINING", true, Duration.ofHours(1), PlacementFacts.Gpus.NONE);
    assertThat(PoolMatch.matches(quiet, Map.of("region", "eu"), 0)).isTrue();
    Candidate older = new Candidate("v0", "peer-v0", List.of(), false, "READY", List.of("process"),
        PlacementFacts.UNKNOWN, Duration.ZERO);
    assertThat(PoolMatch.matches(older, Map.of("runtime", "process"), 0)).isFalse();
  }
}
