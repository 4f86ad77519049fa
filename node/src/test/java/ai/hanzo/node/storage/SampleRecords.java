package ai.hanzo.node.storage;

import ai.hanzo.testing.RandomCases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typical records for the store tests. */
final class SampleRecords {
  static final Instant CREATED = Instant.parse("2026-01-01T10:15:30.123456789Z");

  private SampleRecords() {}

  static DeploymentRecord deployment(String id) {
    return new DeploymentRecord(
        id,
        "web-" + id,
        "{\"services\":{\"web\":{\"image\":\"nginx:1.27\"}}}",
        Map.of("PORT", "8080"),
        Map.of("team", "edge"),
        "RUNNING",
        1,
        CREATED,
        CREATED);
  }

  static PeerRecord peer(String peerId) {
    return new PeerRecord(
        peerId,
        List.of("/ip4/127.0.0.1/tcp/4001", "/ip6/::1/tcp/4001"),
        List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"),
        "CAESIB4=",
        CREATED);
  }

  static StoredEvent event(Instant at, String message) {
    return new StoredEvent(at, "CONTAINER_STARTED", "container", "c-1", message, Map.of("k", "v"));
  }

  static AuditEntry audit(Instant at, String action) {
    return new AuditEntry(at, "alice", action, "deployments/d-1", "ALLOWED", "10.0.0.7:5123",
        Map.of("method", "Deploy"));
  }

  /** A random registered node, with or without metrics, proof and commands. */
  static RegisteredNodeRecord registeredNode(RandomCases g) {
    List<RegisteredNodeRecord.Command> commands = new ArrayList<>();
    for (int i = g.nextInt(4); i > 0; i--) {
      commands.add(new RegisteredNodeRecord.Command(g.key(), g.text(), g.text(), g.instant()));
    }
    return new RegisteredNodeRecord(g.key(), g.text(), g.text(), g.text(), capabilities(g), g.text(), g.instant(),
        g.orNull(g.instant()), g.orNull(g.instant()),
        g.orNull(new RegisteredNodeRecord.Metrics(g.instant(), g.nextDouble(), g.nextDouble(),
            g.nextDouble(), g.anyLong(), g.anyLong(), g.nextInt())),
        g.orNull(new RegisteredNodeRecord.Proof(g.text(), g.instant(), g.text(), g.text(), capabilities(g))),
        commands);
  }

  private static RegisteredNodeRecord.Capabilities capabilities(RandomCases g) {
    List<RegisteredNodeRecord.Gpu> gpus = new ArrayList<>();
    for (int i = g.nextInt(3); i > 0; i--) {
      gpus.add(new RegisteredNodeRecord.Gpu(g.text(), g.anyLong(), g.text()));
    }
    return new RegisteredNodeRecord.Capabilities(g.anyLong(), g.anyLong(), g.anyLong(), gpus, g.nextBoolean(), g.list(),
        g.text(), g.text());
  }
}
