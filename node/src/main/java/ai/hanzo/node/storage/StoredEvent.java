package ai.hanzo.node.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A node event kept for {@link StorageOptions#eventRetention()}. */
public record StoredEvent(
    Instant timestamp,
    String type,
    String resourceType,
    String resourceId,
    String message,
    Map<String, String> attributes) {

  public StoredEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(message, "message");
    attributes = Map.copyOf(attributes);
  }
}
