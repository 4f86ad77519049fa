package ai.hanzo.node.p2p.gossip.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.api.v1.NodeState;
import ai.hanzo.node.p2p.gossip.Capabilities;
import ai.hanzo.node.p2p.gossip.GossipCodecs;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.gossip.MetricsSummary;
import ai.hanzo.node.p2p.gossip.NodeAnnouncement;
import ai.hanzo.node.p2p.gossip.PlacementFacts;
import ai.hanzo.testing.RandomCases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat's p2p addresses (what a placing node dials when it has no connection to a target): they survive
 * encode/decode, and a peer announcing too many, oversized, unparsable, wildcard or peer-naming ones is refused.
 */
class HeartbeatP2pAddressesWireTest {
  private static final GossipCodecs CODECS = ProtoGossipCodecs.create();

  private static NodeAnnouncement announcing(List<String> addresses) {
    return new NodeAnnouncement("node-b", "12D3KooWPeer", "hanzo-node/test", "READY",
        new Capabilities(4, 1L << 30, 1L << 30, List.of(), List.of("process"), List.of()),
        new MetricsSummary(0.1, 0.2, 0.3, 1), List.of("grpc://127.0.0.1:1"), Instant.ofEpochMilli(1_700_000_000_000L),
        "", PlacementFacts.UNKNOWN, addresses);
  }

  private static ai.hanzo.node.api.v1.NodeAnnouncement.Builder wire() {
    return ai.hanzo.node.api.v1.NodeAnnouncement.newBuilder().setNodeId("n").setPeerId("p")
        .setState(NodeState.NODE_STATE_READY).setTimestampMs(1);
  }

  @Test
  void announcedAddressesRoundTrip() {
    RandomCases.forAll(300, r -> {
      List<String> addresses = new ArrayList<>();
      int n = r.nextInt(9);
      for (int i = 0; i < n; i++) {
        addresses.add(r.nextBoolean()
            ? "/ip4/" + (1 + r.nextInt(254)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256)
                + "/tcp/" + (1 + r.nextInt(65535))
            : "/ip6/fd00::" + Integer.toHexString(1 + r.nextInt(0xffff)) + "/tcp/" + (1 + r.nextInt(65535)));
      }
      NodeAnnouncement a = announcing(addresses);
      NodeAnnouncement back = CODECS.heartbeat().decode(CODECS.heartbeat().encode(a));
      assertThat(back).isEqualTo(a);
      assertThat(back.p2pAddresses()).containsExactlyElementsOf(addresses);
    });
  }

  @Test
  void anOlderHeartbeatWithoutAddressesDecodesToNone() {
    assertThat(CODECS.heartbeat().decode(wire().build().toByteArray()).p2pAddresses()).isEmpty();
  }

  @Test
  void malformedAddressesAreRefusedNamingWhy() {
    var nine = wire();
    for (int i = 0; i < 9; i++) {
      nine.addP2PAddresses("/ip4/10.0.0." + (i + 1) + "/tcp/4001");
    }
    assertThatThrownBy(() -> CODECS.heartbeat().decode(nine.build().toByteArray()))
        .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("p2p_addresses has more than 8");
    refused("/ip4/10.0.0.1/tcp/4001/" + "x".repeat(300), "longer than 256");
    refused("not-a-multiaddr", "is not a multiaddr");
    refused("/ip4/999.0.0.1/tcp/1", "is not a multiaddr");
    refused("", "p2p_addresses entry is missing");
    refused("/", "has no component");
    refused("/ip4/0.0.0.0/tcp/4001", "wildcard");
    refused("/ip6/::/tcp/4001", "wildcard");
    refused("/ip4/10.0.0.1/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN", "names a peer");
  }

  @Test
  void randomBytesInTheAddressFieldNeverEscapeAsAnythingButMalformed() {
    RandomCases.forAll(500, r -> {
      byte[] junk = new byte[r.nextInt(40)];
      r.nextBytes(junk);
      String text = new String(junk, java.nio.charset.StandardCharsets.UTF_8);
      try {
        List<String> decoded = CODECS.heartbeat().decode(wire().addP2PAddresses(text).build().toByteArray())
            .p2pAddresses();
        assertThat(decoded).containsExactly(text);
      } catch (MalformedPayloadException expected) {
        assertThat(expected.getMessage()).contains("p2p_addresses");
      }
    });
  }

  private static void refused(String address, String why) {
    assertThatThrownBy(() -> CODECS.heartbeat().decode(wire().addP2PAddresses(address).build().toByteArray()))
        .as(address).isInstanceOf(MalformedPayloadException.class).hasMessageContaining(why);
  }
}
