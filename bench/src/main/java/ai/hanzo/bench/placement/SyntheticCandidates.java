package ai.hanzo.bench.placement;

import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.p2p.placement.Candidate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Placement candidates as heartbeats would describe them, seeded: a region of three and a zone of three each,
 * label tier gold or silver, up to 16 free CPUs, 16 GiB and 200 replicas, one in twenty draining, one in twenty
 * cordoned, heartbeats up to 40 s old (some stale). The first is this node.
 */
final class SyntheticCandidates {
  static final long GIB = 1L << 30;
  static final long CPU = 1_000_000_000L;

  private SyntheticCandidates() {}

  static List<Candidate> generate(int count, long seed) {
    Random r = new Random(seed);
    String[] regions = {"eu", "us", "ap"};
    List<Candidate> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String region = regions[r.nextInt(regions.length)];
      nodes.add(new Candidate("node-" + i, "12D3KooWPeer" + i, List.of("/ip4/10.0.0." + (i % 250) + "/tcp/9000"),
          i == 0, r.nextInt(20) == 0 ? "DRAINING" : "READY", List.of("process"),
          new PlacementFacts(region, region + "-" + r.nextInt(3), r.nextBoolean() ? Map.of("tier", "gold")
              : Map.of("tier", "silver"), r.nextInt(20) == 0, r.nextInt(16) * CPU, r.nextInt(64) * GIB / 4,
              r.nextInt(200)),
          Duration.ofMillis(r.nextInt(40_000))));
    }
    return nodes;
  }
}
