package ai.hanzo.node.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened on this node, as published on the {@link EventBus}: a dotted {@code type} such as
 * {@code node.offline}, the resource it concerns and a human-readable message.
 */
public record DomainEvent(
    Instant timestamp, String type, String resourceType, String resourceId, String message,
    Map<String, String> attributes) {
  public DomainEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    resourceType = resourceType == null ? "" : resourceType;
    resourceId = resourceId == null ? "" : resourceId;
    message = message == null ? "" : message;
    attributes = Map.copyOf(attributes);
  }
}
