package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A router wired to a recording sender, a manual clock and a seeded random, for unit tests. */
final class RouterHarness {
  final MutableClock clock = new MutableClock();
  final Map<PeerId, List<RpcProto.RPC>> sent = new HashMap<>();
  final List<PeerId> dialled = new ArrayList<>();
  final List<String> events = new ArrayList<>();
  final List<PubsubMessage> delivered = new ArrayList<>();
  final GossipRouter router;
  private int nextIp = 1;

  RouterHarness(GossipsubConfig config) {
    RpcSender sender = new RpcSender() {
      @Override
      public boolean send(PeerId peer, RpcProto.RPC rpc) {
        sent.computeIfAbsent(peer, p -> new ArrayList<>()).add(rpc);
        return true;
      }

      @Override
      public void connect(PeerId peer) {
        dialled.add(peer);
      }
    };
    GossipsubListener listener = new GossipsubListener() {
      @Override
      public void grafted(PeerId peer, String topic) {
        events.add("graft " + peer + " " + topic);
      }

      @Override
      public void pruned(PeerId peer, String topic) {
        events.add("prune " + peer + " " + topic);
      }

      @Override
      public void delivered(PubsubMessage message) {
        delivered.add(message);
      }
    };
    router = new GossipRouter(config, Ed25519PrivateKey.generate(), clock, new Random(42), sender,
        listener, Runnable::run);
  }

  /** A new {@code /meshsub/1.1.0} peer subscribed to {@code topics}, each on its own IP. */
  PeerId peer(boolean outbound, String... topics) {
    return peer(Gossipsub.MESHSUB_V11, outbound, topics);
  }

  PeerId peer(String protocol, boolean outbound, String... topics) {
    PeerId id = PeerId.fromPublicKey(Ed25519PrivateKey.generate().publicKey());
    router.addPeer(id, protocol, outbound, ip(nextIp++));
    RpcProto.RPC.Builder rpc = RpcProto.RPC.newBuilder();
    for (String t : topics) {
      rpc.addSubscriptions(RpcProto.RPC.SubOpts.newBuilder().setTopic(t).setSubscribe(true));
    }
    router.handleRpc(id, rpc.build());
    return id;
  }

  static InetAddress ip(int n) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, (byte) (n >> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  List<RpcProto.RPC> sentTo(PeerId peer) {
    return sent.getOrDefault(peer, List.of());
  }

  List<RpcProto.ControlGraft> graftsTo(PeerId peer) {
    return sentTo(peer).stream().flatMap(r -> r.getControl().getGraftList().stream()).toList();
  }

  List<RpcProto.ControlPrune> prunesTo(PeerId peer) {
    return sentTo(peer).stream().flatMap(r -> r.getControl().getPruneList().stream()).toList();
  }

  List<RpcProto.ControlIHave> ihavesTo(PeerId peer) {
    return sentTo(peer).stream().flatMap(r -> r.getControl().getIhaveList().stream()).toList();
  }

  List<RpcProto.ControlIDontWant> idontwantsTo(PeerId peer) {
    return sentTo(peer).stream().flatMap(r -> r.getControl().getIdontwantList().stream()).toList();
  }

  List<RpcProto.Message> messagesTo(PeerId peer) {
    return sentTo(peer).stream().flatMap(r -> r.getPublishList().stream()).toList();
  }

  static RpcProto.RPC control(RpcProto.ControlMessage.Builder control) {
    return RpcProto.RPC.newBuilder().setControl(control).build();
  }

  static RpcProto.RPC graft(String topic) {
    return control(RpcProto.ControlMessage.newBuilder()
        .addGraft(RpcProto.ControlGraft.newBuilder().setTopicID(topic)));
  }

  static RpcProto.RPC publish(RpcProto.Message m) {
    return RpcProto.RPC.newBuilder().addPublish(m).build();
  }

  static RpcProto.Message signed(PrivateKey author, String topic, String data, long seqno) {
    return MessageSigning.sign(author, topic, data.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        seqno);
  }
}
