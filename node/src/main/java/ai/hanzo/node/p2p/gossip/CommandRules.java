package ai.hanzo.node.p2p.gossip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a command must satisfy beyond {@link PayloadCheck} before any node forwards it: a target, an expiry that
 * is set, not passed and at most {@link #MAX_VALIDITY} ahead (so a captured command cannot be replayed later than
 * that, and the seen-id memory stays bounded in time).
 */
public final class CommandRules {
  public static final Duration MAX_VALIDITY = Duration.ofMinutes(10);

  private final Duration skew;
  private final Clock clock;

  public CommandRules(Duration skew, Clock clock) {
    this.skew = skew;
    this.clock = clock;
  }

  public Verdict<NetworkCommand> check(NetworkCommand c) {
    if (c.targetNodeId().isEmpty() && c.targetPeerId().isEmpty()) {
      return Verdict.reject(c, "command " + c.commandId() + " names no target node or peer");
    }
    if (c.expiresAt().equals(Instant.EPOCH)) {
      return Verdict.reject(c, "command " + c.commandId() + " has no expires_at");
    }
    Instant now = clock.instant();
    if (c.expiresAt().isAfter(now.plus(MAX_VALIDITY).plus(skew))) {
      return Verdict.reject(c, "command " + c.commandId() + " expires at " + c.expiresAt()
          + ", more than " + MAX_VALIDITY.toMinutes() + " minutes ahead");
    }
    if (!c.expiresAt().isAfter(now)) {
      return Verdict.ignore(c, "command " + c.commandId() + " expired at " + c.expiresAt());
    }
    return Verdict.accept(c);
  }
}
