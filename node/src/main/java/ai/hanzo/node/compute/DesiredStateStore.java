package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.DeploymentRecord;
import ai.hanzo.node.storage.DeploymentStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Desired deployments in the {@link DeploymentStore}. The request and replica counts are kept as canonical JSON
 * (sorted keys), so "same spec" is a plain comparison of what was stored; the run/stop wish is the record's
 * desired state.
 */
public final class DesiredStateStore {
  static final String RUNNING = "RUNNING";
  static final String STOPPED = "STOPPED";

  private final DeploymentStore store;
  private final Clock clock;
  private final ObjectMapper json = CanonicalJson.MAPPER;

  public DesiredStateStore(DeploymentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Optional<DesiredDeployment> get(String id) {
    return store.get(id).map(this::decode);
  }

  public List<DesiredDeployment> list() {
    return store.list().stream().map(this::decode).toList();
  }

  /** Whether {@code request} is the very spec stored for {@code existing}. */
  public boolean sameSpec(DesiredDeployment existing, DeploymentRequest request) {
    return write(existing.request()).equals(write(request));
  }

  /** Writes (synced, when the store syncs) before returning, so an acknowledged change survives a crash. */
  public void put(DesiredDeployment desired) {
    Instant now = clock.instant();
    Instant created = store.get(desired.id()).map(DeploymentRecord::createdAt).orElse(now);
    DeploymentRequest r = desired.request();
    store.put(new DeploymentRecord(desired.id(), r.name(), write(new Stored(r, desired.replicas(), desired.gpus())),
        r.environment(), r.options() == null ? java.util.Map.of() : r.options().labels(),
        desired.running() ? RUNNING : STOPPED, 1, created, now));
  }

  public void delete(String id) {
    store.delete(id);
  }

  private DesiredDeployment decode(DeploymentRecord record) {
    try {
      Stored stored = json.readValue(record.specJson(), Stored.class);
      return new DesiredDeployment(stored.request(), stored.replicas(), RUNNING.equals(record.desiredState()),
          stored.gpus());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new NodeException(ErrorCode.INTERNAL, "the stored spec of deployment '" + record.id()
          + "' cannot be read: " + e.getMessage());
    }
  }

  private static String write(Object value) {
    return CanonicalJson.write(value);
  }

  /**
   * The JSON shape kept in {@link DeploymentRecord#specJson()}; {@code gpus} (the GPUs assigned to each replica, so a
   * restart keeps them) is left out while empty and absent from records written before GPUs existed.
   */
  record Stored(DeploymentRequest request, java.util.Map<String, Integer> replicas,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      java.util.Map<String, java.util.List<String>> gpus) {}
}
