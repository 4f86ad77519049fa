package ai.hanzo.node.p2p.placement;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU demands: count against free GPUs, model and memory per GPU as constraints, every reason named. */
class PlacementRankingGpuTest {
  private static final long GIB = 1L << 30;
  private static final long CPU = 1_000_000_000L;
  private static final PlacementRanking RANKING = new PlacementRanking(Duration.ofSeconds(30));

  private static Candidate node(String id, PlacementFacts.Gpus gpus) {
    return new Candidate(id, "peer-" + id, List.of(), false, "READY", List.of("process"),
        new PlacementFacts("eu", "", Map.of(), false, 4 * CPU, 8 * GIB, 100).withGpus(gpus), Duration.ofSeconds(1));
  }

  private static Demand demand(long gpus, String model, long memory) {
    return new Demand(CPU, GIB, 1, model.isEmpty() ? Map.of() : Map.of("gpu_model", model), Demand.Strategy.BINPACK)
        .withGpus(new Demand.Gpus(gpus, model, memory));
  }

  @Test
  void eachNodeIsRefusedForWhatItsGpusLack() {
    List<Candidate> nodes = List.of(node("a-none", PlacementFacts.Gpus.NONE),
        node("b-t4", new PlacementFacts.Gpus(2, 2, "Tesla T4", 16 * GIB)),
        node("c-busy", new PlacementFacts.Gpus(4, 1, "NVIDIA A100-SXM4-80GB", 80 * GIB)),
        node("d-fits", new PlacementFacts.Gpus(8, 3, "NVIDIA A100-SXM4-80GB", 80 * GIB)));
    List<Verdict> ranked = RANKING.rank(nodes, demand(2, "a100", 40 * GIB));
    assertThat(ranked).extracting(Verdict::describe).containsExactly(
        "d-fits: fits",
        "a-none: no GPU",
        "b-t4: no GPU of that model (has Tesla T4, wanted a100); not enough GPU memory: 16384.0 MiB per GPU, needs"
            + " 40960.0 MiB",
        "c-busy: not enough GPUs: 1 free of 4, needs 2");
  }

  @Test
  void aDeploymentWithoutGpusIgnoresThem() {
    assertThat(RANKING.rank(List.of(node("a", PlacementFacts.Gpus.NONE)), demand(0, "", 0)))
        .allMatch(Verdict::fits);
  }
}
