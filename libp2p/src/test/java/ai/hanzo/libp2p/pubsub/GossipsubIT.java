package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Eight Java nodes on loopback, each told only the first node's address: they find each other
 * through the DHT, the mesh forms, 1,000 messages from random nodes reach every node exactly once,
 * and a killed node restarts with the same key, is found again and gets what is published next.
 */
class GossipsubIT {
  private static final String T = "it-topic";
  private static final int NODES = 8;
  private static final int MESSAGES = 1000;
  private static final int AFTER_REJOIN = 200;
  private static final long SEED = 20261126L;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final List<DiscoveringNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(DiscoveringNode::close);
  }

  @Test
  void nodesFoundThroughOneBootstrapNodeDeliverExactlyOnceAndAKilledNodeRejoins() throws Exception {
    nodes.add(DiscoveringNode.first(Ed25519PrivateKey.generate(), T));
    Multiaddr bootstrap = nodes.get(0).node.address;
    for (int i = 1; i < NODES; i++) {
      nodes.add(DiscoveringNode.join(Ed25519PrivateKey.generate(), T, bootstrap));
    }
    awaitFullyDiscoveredMesh();

    Random random = new Random(SEED);
    publishFromRandomNodes(random, "m", MESSAGES);
    awaitExactlyOnce("m", MESSAGES);

    // Node 5 dies and comes back on a new port with its old key, knowing only the bootstrap node.
    DiscoveringNode killed = nodes.remove(5);
    PeerId id = killed.peerId();
    PrivateKey key = killed.node.key;
    killed.close();
    await().atMost(WAIT).untilAsserted(() -> {
      for (DiscoveringNode n : nodes) {
        assertThat(n.connectedPeers()).as("connections of %s", n.peerId()).doesNotContain(id);
        assertThat(n.node.mesh(T)).as("mesh of %s", n.peerId()).doesNotContain(id);
      }
    });
    DiscoveringNode restarted = DiscoveringNode.join(key, T, bootstrap);
    nodes.add(restarted);
    assertThat(restarted.peerId()).isEqualTo(id);
    awaitFullyDiscoveredMesh();
    // Connected is not yet subscribed: the restarted node's SUBSCRIBE may still be on its way to some peers.
    await().atMost(WAIT).untilAsserted(() -> {
      for (DiscoveringNode n : nodes) {
        if (n != restarted) {
          assertThat(n.node.gossip.topicPeers(T).get(5, TimeUnit.SECONDS))
              .as("subscribers known to %s", n.peerId()).contains(id);
        }
      }
    });

    publishFromRandomNodes(random, "r", AFTER_REJOIN);
    awaitExactlyOnce("r", AFTER_REJOIN);
    // It may also have fetched recent earlier messages through IHAVE/IWANT gossip, but each only once.
    assertThat(restarted.node.received).allSatisfy((payload, times) ->
        assertThat(times.get()).as("deliveries of %s at the restarted node", payload).isEqualTo(1));
  }

  /** Every node connected to every other, found via the DHT, and a mesh of at least D_lo. */
  private void awaitFullyDiscoveredMesh() {
    int dLo = GossipsubConfig.defaults().dLo();
    await().atMost(WAIT).untilAsserted(() -> {
      for (DiscoveringNode n : nodes) {
        List<PeerId> others = nodes.stream().filter(o -> o != n).map(DiscoveringNode::peerId).toList();
        assertThat(n.connectedPeers()).as("connections of %s", n.peerId()).containsAll(others);
        assertThat(others).as("routing table of %s", n.peerId())
            .allMatch(p -> n.dht.routingTable().contains(p));
        assertThat(n.node.mesh(T)).as("mesh of %s", n.peerId()).hasSizeGreaterThanOrEqualTo(dLo);
      }
    });
  }

  private void publishFromRandomNodes(Random random, String prefix, int count) throws Exception {
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DiscoveringNode from = nodes.get(random.nextInt(nodes.size()));
      sent.add(from.node.gossip.publish(T, (prefix + i).getBytes(StandardCharsets.UTF_8)));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    for (CompletableFuture<Integer> s : sent) {
      assertThat(s.get()).as("peers a publish went to").isPositive();
    }
  }

  private void awaitExactlyOnce(String prefix, int count) {
    await().atMost(WAIT).untilAsserted(() -> {
      for (DiscoveringNode n : nodes) {
        assertThat(n.node.received.keySet().stream().filter(p -> p.startsWith(prefix)))
            .as("'%s' messages at %s (seed %d)", prefix, n.peerId(), SEED).hasSize(count);
      }
    });
    for (DiscoveringNode n : nodes) {
      for (int i = 0; i < count; i++) {
        AtomicInteger times = n.node.received.get(prefix + i);
        assertThat(times.get()).as("deliveries of %s%d at %s", prefix, i, n.peerId()).isEqualTo(1);
      }
    }
  }
}
