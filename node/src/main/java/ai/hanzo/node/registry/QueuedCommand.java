package ai.hanzo.node.registry;

import java.time.Instant;

/** A command waiting for a registered node; delivered with every heartbeat until the node acknowledges it. */
public record QueuedCommand(String commandId, QueuedCommandKind kind, byte[] payload, Instant queuedAt) {
  public QueuedCommand {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
