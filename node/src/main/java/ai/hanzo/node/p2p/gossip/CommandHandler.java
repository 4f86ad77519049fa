package ai.hanzo.node.p2p.gossip;

import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates commands for forwarding and executes the ones addressed to this node, once each, and only when the
 * signing peer is authorized. Every decision about a command for this node is logged, put on the bus and audited.
 */
public final class CommandHandler {
  private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

  private final PayloadCheck<NetworkCommand> payloads;
  private final CommandRules rules;
  private final SeenCommands seen;
  private final CommandAuthority authority;
  private final CommandExecutor executor;
  private final EventBus events;
  private final Supplier<String> selfNodeId;
  private final Supplier<String> selfPeerId;

  public CommandHandler(PayloadCheck<NetworkCommand> payloads, CommandRules rules, SeenCommands seen,
      CommandAuthority authority, CommandExecutor executor, EventBus events, Supplier<String> selfNodeId,
      Supplier<String> selfPeerId) {
    this.payloads = payloads;
    this.rules = rules;
    this.seen = seen;
    this.authority = authority;
    this.executor = executor;
    this.events = events;
    this.selfNodeId = selfNodeId;
    this.selfPeerId = selfPeerId;
  }

  /** The verdict for forwarding and delivery; a replay of a command this node already handled is IGNOREd. */
  public Verdict<NetworkCommand> validate(String author, byte[] data) {
    Verdict<NetworkCommand> v = payloads.check(author, data);
    if (v.accepted()) {
      v = rules.check(v.payload());
    }
    if (v.accepted() && forMe(v.payload()) && seen.contains(v.payload().commandId())) {
      v = Verdict.ignore(v.payload(), "command " + v.payload().commandId() + " was already handled (replay)");
      replayed(v.payload());
    }
    return v;
  }

  /** A delivered (validated) command: executed here when addressed to this node and authorized. */
  public void deliver(NetworkCommand command) {
    if (!forMe(command)) {
      return;
    }
    if (!seen.add(command.commandId(), command.expiresAt())) {
      replayed(command);
      return;
    }
    CommandAuthority.Decision decision = authority.authorize(command.issuerPeerId(), command.kind());
    if (!decision.allowed()) {
      log.warn("Refused command {} ({}) from peer {}: {}", command.commandId(), command.kind(),
          command.issuerPeerId(), decision.reason());
      publish(NetworkEvents.COMMAND_REFUSED, command, decision.reason());
      authority.record(command, "DENIED", decision.reason());
      return;
    }
    try {
      String result = executor.execute(command);
      log.info("Executed command {} ({}) from peer {}: {}", command.commandId(), command.kind(),
          command.issuerPeerId(), result);
      publish(NetworkEvents.COMMAND_EXECUTED, command, result);
      authority.record(command, "OK", result);
    } catch (RuntimeException e) {
      log.warn("Command {} ({}) from peer {} failed: {}", command.commandId(), command.kind(),
          command.issuerPeerId(), e.toString());
      publish(NetworkEvents.COMMAND_REFUSED, command, "failed: " + e.getMessage());
      authority.record(command, "FAILED", String.valueOf(e.getMessage()));
    }
  }

  private boolean forMe(NetworkCommand command) {
    return command.targets(selfNodeId.get(), selfPeerId.get());
  }

  private void replayed(NetworkCommand command) {
    log.warn("Ignored replayed command {} ({}) from peer {}", command.commandId(), command.kind(),
        command.issuerPeerId());
    publish(NetworkEvents.COMMAND_REPLAYED, command, "already handled");
  }

  private void publish(String type, NetworkCommand command, String message) {
    events.publish(new DomainEvent(payloads.clock().instant(), type, "command", command.commandId(), message,
        Map.of("kind", command.kind().name(), "issuer", command.issuerPeerId())));
  }
}
