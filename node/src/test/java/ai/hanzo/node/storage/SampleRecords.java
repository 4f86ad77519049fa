package ai.hanzo.node.storage;

import java.time.Instant;
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

  static ContainerRecord container(String id, String deploymentId) {
    return new ContainerRecord(
        id,
        deploymentId,
        "web",
        0,
        "process",
        null,
        "nginx:1.27",
        "CREATED",
        Map.of(),
        CREATED,
        null,
        0,
        0,
        null);
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
}
