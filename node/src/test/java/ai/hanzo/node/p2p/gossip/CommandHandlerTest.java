package ai.hanzo.node.p2p.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.pubsub.ValidationResult;
import ai.hanzo.node.p2p.gossip.wire.ProtoGossipCodecs;
import ai.hanzo.node.events.DomainEvent;
import ai.hanzo.node.events.EventBus;
import ai.hanzo.node.events.EventFilter;
import ai.hanzo.node.events.EventSubscription;
import ai.hanzo.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command validation, authorization and replay rules, with fakes for IAM and the scheduler. */
class CommandHandlerTest {
  private static final String ADMIN = "12D3KooWAdmin";
  private static final String STRANGER = "12D3KooWStranger";
  private static final String SELF_PEER = "12D3KooWSelf";
  private static final Duration SKEW = Duration.ofSeconds(30);

  private final PayloadCodec<NetworkCommand> codec = ProtoGossipCodecs.create().commands();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final EventBus events = new EventBus();
  private final List<String> executed = new ArrayList<>();
  private final List<String> audited = new ArrayList<>();
  private EventSubscription published;
  @TempDir
  Path dataDir;

  @BeforeEach
  void listen() {
    published = events.subscribe(EventFilter.of(List.of("command.*")), 100, () -> {});
  }

  private CommandHandler handler() {
    CommandAuthority iam = new CommandAuthority() {
      @Override
      public Decision authorize(String peerId, CommandKind kind) {
        return peerId.equals(ADMIN) ? new Decision(true, "admin") : new Decision(false, peerId + " lacks it");
      }

      @Override
      public void record(NetworkCommand command, String outcome, String detail) {
        audited.add(command.commandId() + " " + outcome);
      }
    };
    return new CommandHandler(new PayloadCheck<>(codec, CommandRules.MAX_VALIDITY, SKEW, clock),
        new CommandRules(SKEW, clock), new SeenCommands(dataDir, clock), iam, c -> {
          executed.add(c.commandId());
          return "done";
        }, events, () -> "node-self", () -> SELF_PEER);
  }

  private NetworkCommand command(String id, String issuer, String targetNode, Duration ttl) {
    return new NetworkCommand(id, CommandKind.DRAIN, targetNode, "", issuer, clock.instant(),
        clock.instant().plus(ttl), Duration.ZERO);
  }

  private ValidationResult validateAndDeliver(CommandHandler h, String author, NetworkCommand c) {
    Verdict<NetworkCommand> v = h.validate(author, codec.encode(c));
    if (v.accepted()) {
      h.deliver(v.payload());
    }
    return v.result();
  }

  @Test
  void anAuthorizedCommandForThisNodeRunsOnceAndItsReplayIsIgnored() {
    CommandHandler h = handler();
    NetworkCommand c = command("c-1", ADMIN, "node-self", Duration.ofMinutes(1));
    assertThat(validateAndDeliver(h, ADMIN, c)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(validateAndDeliver(h, ADMIN, c)).isEqualTo(ValidationResult.IGNORE);
    assertThat(executed).containsExactly("c-1");
    assertThat(audited).containsExactly("c-1 OK");
    assertThat(types()).containsExactly(NetworkEvents.COMMAND_EXECUTED, NetworkEvents.COMMAND_REPLAYED);
  }

  @Test
  void replaysStayIgnoredAfterARestart() {
    NetworkCommand c = command("c-2", ADMIN, "node-self", Duration.ofMinutes(5));
    validateAndDeliver(handler(), ADMIN, c);
    assertThat(validateAndDeliver(handler(), ADMIN, c)).isEqualTo(ValidationResult.IGNORE);
    assertThat(executed).containsExactly("c-2");
  }

  @Test
  void anUnauthorizedPeerIsRefusedAndAudited() {
    assertThat(validateAndDeliver(handler(), STRANGER, command("c-3", STRANGER, "node-self", Duration.ofMinutes(1))))
        .as("still a valid message to forward").isEqualTo(ValidationResult.ACCEPT);
    assertThat(executed).isEmpty();
    assertThat(audited).containsExactly("c-3 DENIED");
    assertThat(types()).containsExactly(NetworkEvents.COMMAND_REFUSED);
  }

  @Test
  void commandsForOtherNodesAreForwardedNotExecuted() {
    CommandHandler h = handler();
    NetworkCommand c = command("c-4", ADMIN, "node-other", Duration.ofMinutes(1));
    assertThat(validateAndDeliver(h, ADMIN, c)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(validateAndDeliver(h, ADMIN, c)).as("not ours: no replay memory").isEqualTo(ValidationResult.ACCEPT);
    assertThat(executed).isEmpty();
  }

  @Test
  void expiryRulesAndImpersonation() {
    CommandHandler h = handler();
    NetworkCommand ok = command("c-5", ADMIN, "node-self", Duration.ofMinutes(1));
    assertThat(h.validate(STRANGER, codec.encode(ok)).result()).as("signed by another peer")
        .isEqualTo(ValidationResult.REJECT);
    assertThat(h.validate(ADMIN, codec.encode(command("c-6", ADMIN, "node-self", Duration.ofMinutes(11)))).result())
        .as("more than 10 min ahead").isEqualTo(ValidationResult.REJECT);
    NetworkCommand noExpiry = new NetworkCommand("c-7", CommandKind.DRAIN, "node-self", "", ADMIN, clock.instant(),
        Instant.EPOCH, Duration.ZERO);
    assertThat(h.validate(ADMIN, codec.encode(noExpiry)).result()).isEqualTo(ValidationResult.REJECT);
    NetworkCommand noTarget = command("c-8", ADMIN, "", Duration.ofMinutes(1));
    assertThat(h.validate(ADMIN, codec.encode(noTarget)).result()).isEqualTo(ValidationResult.REJECT);
    NetworkCommand shortLived = command("c-9", ADMIN, "node-self", Duration.ofSeconds(10));
    byte[] bytes = codec.encode(shortLived);
    clock.advance(Duration.ofSeconds(11));
    assertThat(h.validate(ADMIN, bytes).result()).as("expired").isEqualTo(ValidationResult.IGNORE);
    NetworkCommand future = new NetworkCommand("c-10", CommandKind.DRAIN, "node-self", "", ADMIN,
        clock.instant().plus(Duration.ofMinutes(2)), clock.instant().plus(Duration.ofMinutes(3)), Duration.ZERO);
    assertThat(h.validate(ADMIN, codec.encode(future)).result()).as("issued in the future")
        .isEqualTo(ValidationResult.IGNORE);
    assertThat(h.validate(ADMIN, new byte[] {(byte) 0xff}).result()).isEqualTo(ValidationResult.REJECT);
    assertThat(executed).isEmpty();
  }

  @Test
  void aCommandAddressedByPeerIdIsOurs() {
    NetworkCommand byPeer = new NetworkCommand("c-11", CommandKind.CORDON, "", SELF_PEER, ADMIN, clock.instant(),
        clock.instant().plus(Duration.ofMinutes(1)), Duration.ZERO);
    validateAndDeliver(handler(), ADMIN, byPeer);
    assertThat(executed).containsExactly("c-11");
  }

  private List<String> types() {
    List<String> types = new ArrayList<>();
    DomainEvent e;
    while ((e = published.poll()) != null) {
      types.add(e.type());
    }
    return types;
  }
}
