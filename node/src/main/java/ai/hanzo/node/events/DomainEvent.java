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
  /**
   * The attribute naming the organisation that owns what the event concerns ({@code ""}: none), set on the compute
   * engine's deployment and container events. The API shows such an event only to callers who see that
   * organisation; it stays on this node (never gossiped).
   */
  public static final String ORG = "org";

  public DomainEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    resourceType = resourceType == null ? "" : resourceType;
    resourceId = resourceId == null ? "" : resourceId;
    message = message == null ? "" : message;
    attributes = Map.copyOf(attributes);
  }
}
