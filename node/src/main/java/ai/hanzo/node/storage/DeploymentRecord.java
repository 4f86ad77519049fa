package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A deployment as the node remembers it.
 *
 * @param specJson the deployment spec; storage keeps it verbatim and never parses it
 * @param desiredState what the orchestrator should converge to (e.g. {@code RUNNING}, {@code STOPPED})
 * @param generation bumped by the owner on every spec change
 */
public record DeploymentRecord(
    String id,
    String name,
    String specJson,
    Map<String, String> environment,
    Map<String, String> labels,
    String desiredState,
    long generation,
    Instant createdAt,
    Instant updatedAt) {

  public DeploymentRecord {
    StoredText.requireKey(id, "deployment id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(specJson, "specJson");
    environment = Map.copyOf(environment);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(desiredState, "desiredState");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
