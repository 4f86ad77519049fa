package ai.hanzo.node.p2p.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GPU facts of a heartbeat: they round-trip, and a peer claiming impossible numbers is refused. */
class PlacementGpusWireTest {
  private static final GossipCodecs CODECS = ProtoGossipCodecs.create();

  private static ai.hanzo.node.api.v1.NodeAnnouncement.Builder heartbeat(
      ai.hanzo.node.api.v1.PlacementFacts.Builder facts) {
    return ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setState(NodeState.NODE_STATE_READY).setTimestampMs(1).setPlacement(facts);
  }

  @Test
  void gpuFactsRoundTrip() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int i = 0; i < 200; i++) {
      int total = r.nextInt(WireFields.MAX_GPUS + 1);
      PlacementFacts.Gpus gpus = new PlacementFacts.Gpus(total, total == 0 ? 0 : r.nextInt(total + 1),
          "model-" + r.nextInt(100), r.nextLong() & Long.MAX_VALUE);
      var decoded = CODECS.heartbeat().decode(heartbeat(ai.hanzo.node.api.v1.PlacementFacts.newBuilder()
          .setGpus(gpus.total()).setFreeGpus(gpus.free()).setGpuModel(gpus.model())
          .setGpuMemoryBytes(gpus.memoryBytes())).build().toByteArray());
      assertThat(decoded.placement().gpus()).as("seed " + seed).isEqualTo(gpus);
    }
  }

  @Test
  void impossibleGpuNumbersAreRefused() {
    for (var bad : new ai.hanzo.node.api.v1.PlacementFacts.Builder[] {
        ai.hanzo.node.api.v1.PlacementFacts.newBuilder().setGpus(2).setFreeGpus(3),
        ai.hanzo.node.api.v1.PlacementFacts.newBuilder().setGpus(-1).setFreeGpus(0),
        ai.hanzo.node.api.v1.PlacementFacts.newBuilder().setGpus(WireFields.MAX_GPUS + 1)}) {
      assertThatThrownBy(() -> CODECS.heartbeat().decode(heartbeat(bad).build().toByteArray()))
          .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("placement.gpus");
    }
    assertThatThrownBy(() -> CODECS.heartbeat().decode(heartbeat(ai.hanzo.node.api.v1.PlacementFacts.newBuilder()
        .setGpus(1).setGpuModel("m".repeat(5000))).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("placement.gpu_model");
    assertThatThrownBy(() -> CODECS.heartbeat().decode(heartbeat(ai.hanzo.node.api.v1.PlacementFacts.newBuilder()
        .setGpus(1).setGpuMemoryBytes(-5)).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("placement.gpu_memory_bytes");
  }
}
