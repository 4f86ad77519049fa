package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.peer.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Eight Java nodes on loopback: mesh formation, exactly-once delivery, rejoin after restart. */
class GossipsubIT {
  private static final String T = "it-topic";
  private static final int NODES = 8;
  private final List<GossipNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(GossipNode::close);
  }

  @Test
  void meshFormsDeliversEveryMessageExactlyOnceAndARestartedNodeRejoins() throws Exception {
    for (int i = 0; i < NODES; i++) {
      GossipNode n = GossipNode.start(GossipsubConfig.defaults());
      nodes.add(n);
      n.subscribe(T);
    }
    // A ring plus a star around node 0: every node has at least two peers.
    for (int i = 1; i < NODES; i++) {
      nodes.get(i).dial(nodes.get(0).address);
      nodes.get(i).dial(nodes.get((i + 1) % NODES).address);
    }
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(nodes.get(0).mesh(T)).hasSizeGreaterThanOrEqualTo(GossipsubConfig.defaults().dLo());
      for (GossipNode n : nodes) {
        assertThat(n.mesh(T)).hasSizeGreaterThanOrEqualTo(2);
      }
    });

    long seed = 20261126L;
    Random random = new Random(seed);
    int messages = 1000;
    List<CompletableFuture<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      GossipNode from = nodes.get(random.nextInt(NODES));
      sent.add(from.gossip.publish(T, ("m" + i).getBytes()));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (GossipNode n : nodes) {
        assertThat(n.received).as("messages at %s (seed %d)", n.peerId(), seed).hasSize(messages);
      }
    });
    for (GossipNode n : nodes) {
      assertThat(n.received.values()).as("duplicates at %s", n.peerId())
          .allMatch(count -> count.get() == 1);
    }

    // Node 5 goes away and comes back with the same identity.
    GossipNode leaving = nodes.remove(5);
    PeerId id = leaving.peerId();
    leaving.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(nodes.get(0).mesh(T)).doesNotContain(id));
    GossipNode back = GossipNode.start(leaving.key, GossipsubConfig.defaults());
    nodes.add(back);
    assertThat(back.peerId()).isEqualTo(id);
    back.subscribe(T);
    back.dial(nodes.get(0).address);
    back.dial(nodes.get(4).address);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(back.mesh(T)).isNotEmpty());
    nodes.get(2).publish(T, "after-restart");
    back.publish(T, "from-restarted");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(back.got("after-restart")).isTrue();
      for (GossipNode n : nodes) {
        assertThat(n.got("from-restarted")).as("at %s", n.peerId()).isTrue();
      }
    });
    AtomicInteger total = new AtomicInteger();
    back.received.values().forEach(c -> total.addAndGet(c.get()));
    assertThat(total.get()).isEqualTo(back.received.size());
  }
}
