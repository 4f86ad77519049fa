package ai.hanzo.node.p2p.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.p2p.gossip.Capabilities;
import ai.hanzo.node.p2p.gossip.CommandKind;
import ai.hanzo.node.p2p.gossip.DeploymentNotice;
import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.gossip.MetricsAnnouncement;
import ai.hanzo.node.p2p.gossip.MetricsSummary;
import ai.hanzo.node.p2p.gossip.NetworkCommand;
import ai.hanzo.node.p2p.gossip.NodeAnnouncement;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.node.p2p.gossip.PayloadCodec;
import ai.hanzo.testing.RandomCases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every payload survives encode/decode; anything else decodes to a MalformedPayloadException or a payload. */
class ProtoGossipCodecsTest {
  private static final GossipCodecs CODECS = ProtoGossipCodecs.create();
  private static final String[] STATES = {"READY", "DRAINING", "STARTING", "STOPPED"};

  @Test
  void heartbeatsRoundTrip() {
    RandomCases.forAll(300, gen -> {
      Random r = gen;
      NodeAnnouncement a = new NodeAnnouncement(word(r), word(r), word(r), STATES[r.nextInt(STATES.length)],
          new Capabilities(r.nextInt(512), r.nextLong() & Long.MAX_VALUE, r.nextLong() & Long.MAX_VALUE,
              r.nextBoolean() ? List.of(new Capabilities.Gpu(word(r), r.nextInt(1 << 30))) : List.of(),
              r.nextBoolean() ? List.of("process", word(r)) : List.of(),
              r.nextBoolean() ? List.of("tiny", word(r)) : List.of()),
          metrics(r), List.of("grpc://" + word(r)), millis(r), r.nextBoolean() ? "" : address(r),
          r.nextBoolean() ? PlacementFacts.UNKNOWN : new PlacementFacts(word(r), word(r),
              r.nextBoolean() ? java.util.Map.of("k" + word(r), word(r)) : java.util.Map.of(), r.nextBoolean(),
              r.nextLong() & Long.MAX_VALUE, r.nextLong() & Long.MAX_VALUE, r.nextInt(Integer.MAX_VALUE)));
      assertThat(CODECS.heartbeat().decode(CODECS.heartbeat().encode(a))).isEqualTo(a);
    });
  }

  @Test
  void placementFactsWithTooManyOrOversizedLabelsAreRefused() {
    var wire = ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setState(NodeState.NODE_STATE_READY).setTimestampMs(1);
    var many = ai.hanzo.node.api.v1.PlacementFacts.newBuilder();
    for (int i = 0; i <= 64; i++) {
      many.putLabels("k" + i, "v");
    }
    assertThatThrownBy(() -> CODECS.heartbeat().decode(wire.setPlacement(many).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("placement.labels has more than");
    assertThatThrownBy(() -> CODECS.heartbeat().decode(wire.setPlacement(ai.hanzo.node.api.v1.PlacementFacts
        .newBuilder().setRegion("r".repeat(300))).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("placement.region is longer");
    assertThatThrownBy(() -> CODECS.heartbeat().decode(wire.setPlacement(ai.hanzo.node.api.v1.PlacementFacts
        .newBuilder().setFreeMemoryBytes(-1)).build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("free_memory_bytes");
    // A heartbeat without the block (an older node) says nothing about placement.
    assertThat(CODECS.heartbeat().decode(wire.clearPlacement().build().toByteArray()).placement())
        .isEqualTo(PlacementFacts.UNKNOWN);
  }

  @Test
  void theClaimedOperatorIsEmptyOrAnAddressKeptInLowerCase() {
    var wire = ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setState(NodeState.NODE_STATE_READY).setTimestampMs(1);
    assertThat(CODECS.heartbeat().decode(wire.setOperatorAddress("0xABCDEF0123456789ABCDEF0123456789ABCDEF01").build()
        .toByteArray()).operatorAddress()).isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
    for (String bad : List.of("0x1234", "abcdef0123456789abcdef0123456789abcdef0123", "0x" + "g".repeat(40),
        "0x" + "a".repeat(400))) {
      assertThatThrownBy(() -> CODECS.heartbeat().decode(wire.setOperatorAddress(bad).build().toByteArray()))
          .as(bad).isInstanceOf(MalformedPayloadException.class).hasMessageContaining("operator_address");
    }
  }

  private static String address(Random r) {
    StringBuilder sb = new StringBuilder("0x");
    for (int i = 0; i < 40; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  @Test
  void metricsDeploymentsAndCommandsRoundTrip() {
    RandomCases.forAll(300, gen -> {
      Random r = gen;
      MetricsAnnouncement m = new MetricsAnnouncement(word(r), word(r), metrics(r), millis(r));
      assertThat(CODECS.metrics().decode(CODECS.metrics().encode(m))).isEqualTo(m);
      DeploymentNotice d = new DeploymentNotice(word(r), word(r), "deployment." + word(r), word(r), gen.text(),
          java.util.Map.of(word(r), word(r)), millis(r));
      assertThat(CODECS.deployments().decode(CODECS.deployments().encode(d))).isEqualTo(d);
      NetworkCommand c = new NetworkCommand(word(r), CommandKind.values()[r.nextInt(3)], word(r), word(r), word(r),
          millis(r), millis(r), Duration.ofSeconds(r.nextInt(86_400)));
      assertThat(CODECS.commands().decode(CODECS.commands().encode(c))).isEqualTo(c);
    });
  }

  @Test
  void arbitraryBytesAreAPayloadOrMalformedNeverAnythingElse() {
    List<PayloadCodec<?>> all = List.of(CODECS.heartbeat(), CODECS.metrics(), CODECS.deployments(),
        CODECS.commands());
    RandomCases.forAll(2000, gen -> {
      byte[] bytes = gen.bytes(200);
      for (PayloadCodec<?> codec : all) {
        try {
          assertThat(codec.decode(bytes)).isNotNull();
        } catch (MalformedPayloadException expected) {
          assertThat(expected.getMessage()).isNotBlank();
        }
      }
    });
  }

  @Test
  void missingAndOutOfRangeFieldsAreNamed() {
    byte[] noNode = ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setPeerId("p")
        .setState(NodeState.NODE_STATE_READY).setTimestampMs(1).build().toByteArray();
    assertThatThrownBy(() -> CODECS.heartbeat().decode(noNode)).isInstanceOf(MalformedPayloadException.class)
        .hasMessage("node_id is missing");
    byte[] noState = ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setTimestampMs(1).build().toByteArray();
    assertThatThrownBy(() -> CODECS.heartbeat().decode(noState)).hasMessageContaining("state is missing");
    byte[] badCpu = ai.hanzo.node.api.v1.MetricsAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setTimestampMs(1).setMetrics(ai.hanzo.node.api.v1.NodeMetrics.newBuilder().setCpuUsage(2.5))
        .build().toByteArray();
    assertThatThrownBy(() -> CODECS.metrics().decode(badCpu)).hasMessageContaining("metrics.cpu_usage");
    byte[] badId = ai.hanzo.node.api.v1.NetworkCommand.newBuilder().setCommandId("has space")
        .setType(ai.hanzo.node.api.v1.NetworkCommandType.NETWORK_COMMAND_TYPE_DRAIN).setIssuerPeerId("p")
        .setIssuedAtMs(1).build().toByteArray();
    assertThatThrownBy(() -> CODECS.commands().decode(badId)).hasMessageContaining("command_id");
    byte[] noType = ai.hanzo.node.api.v1.NetworkCommand.newBuilder().setCommandId("c").setIssuerPeerId("p")
        .setIssuedAtMs(1).build().toByteArray();
    assertThatThrownBy(() -> CODECS.commands().decode(noType)).hasMessageContaining("type is missing");
    byte[] notDeployment = ai.hanzo.node.api.v1.DeploymentAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setEventType("node.drained").setDeploymentId("d").setTimestampMs(1).build().toByteArray();
    assertThatThrownBy(() -> CODECS.deployments().decode(notDeployment)).hasMessageContaining("deployment.*");
  }

  @Test
  void aCommandWithoutExpiryDecodesWithTheEpochSoTheRulesCanRejectIt() {
    byte[] noExpiry = ai.hanzo.node.api.v1.NetworkCommand.newBuilder().setCommandId("c").setIssuerPeerId("p")
        .setType(ai.hanzo.node.api.v1.NetworkCommandType.NETWORK_COMMAND_TYPE_CORDON).setTargetNodeId("n")
        .setIssuedAtMs(1).build().toByteArray();
    assertThat(CODECS.commands().decode(noExpiry).expiresAt()).isEqualTo(Instant.EPOCH);
  }

  private static MetricsSummary metrics(Random r) {
    return new MetricsSummary(r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextInt(1000));
  }

  private static Instant millis(Random r) {
    return Instant.ofEpochMilli(1 + (r.nextLong() & 0xFFFF_FFFF_FFFL));
  }

  private static String word(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }
}
