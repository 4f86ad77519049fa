package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gossipsub v1.2 IDONTWANT: when we announce it, how it stops forwarding, its expiry and its bound. */
class DontWantListTest {
  private static final String T = "t";
  private static final String LARGE = "x".repeat(DontWantList.THRESHOLD_BYTES);
  private final Ed25519PrivateKey author = Ed25519PrivateKey.generate();
  private RouterHarness h;
  private PeerId source;
  private PeerId v12;
  private PeerId v11;

  @BeforeEach
  void meshOfThree() {
    h = new RouterHarness(GossipsubConfig.defaults());
    source = h.peer(Gossipsub.MESHSUB_V12, true, T);
    v12 = h.peer(Gossipsub.MESHSUB_V12, true, T);
    v11 = h.peer(Gossipsub.MESHSUB_V11, true, T);
    h.router.subscribe(T, m -> { });
    assertThat(h.router.meshPeers(T)).containsExactlyInAnyOrder(source, v12, v11);
  }

  @Test
  void aLargeMessageIsAnnouncedWithItsForwardToOtherV12MeshPeersOnly() throws InvalidMessageException {
    RpcProto.Message m = RouterHarness.signed(author, T, LARGE, 1);
    h.sent.clear();
    h.router.handleRpc(source, RouterHarness.publish(m));

    assertThat(h.idontwantsTo(v12)).singleElement().satisfies(i -> assertThat(i.getMessageIDsList())
        .containsExactly(ByteString.copyFrom(idOf(m).bytes())));
    assertThat(h.idontwantsTo(v11)).as("a v1.1 peer does not know IDONTWANT").isEmpty();
    assertThat(h.idontwantsTo(source)).as("it sent it").isEmpty();
    assertThat(h.messagesTo(v12)).containsExactly(m);
    assertThat(h.sentTo(v12)).as("one RPC carries both").hasSize(1);
    assertThat(h.messagesTo(v11)).containsExactly(m);
  }

  @Test
  void aSmallMessageIsNotAnnounced() {
    h.router.handleRpc(source, RouterHarness.publish(RouterHarness.signed(author, T, "small", 1)));
    assertThat(h.idontwantsTo(v12)).isEmpty();
    assertThat(h.messagesTo(v12)).hasSize(1);
  }

  @Test
  void aMessageIsNotForwardedToAPeerThatDoesNotWantIt() throws InvalidMessageException {
    RpcProto.Message m = RouterHarness.signed(author, T, LARGE, 7);
    h.router.handleRpc(v12, dontWant(idOf(m)));
    h.router.handleRpc(source, RouterHarness.publish(m));

    assertThat(h.messagesTo(v12)).isEmpty();
    assertThat(h.messagesTo(v11)).containsExactly(m);
    assertThat(h.delivered).hasSize(1);
  }

  @Test
  void whatAPeerDoesNotWantIsForgottenAfterThreeHeartbeats() throws InvalidMessageException {
    MessageId id = idOf(RouterHarness.signed(author, T, LARGE, 9));
    h.router.handleRpc(v12, dontWant(id));
    for (int i = 0; i < DontWantList.TTL_HEARTBEATS - 1; i++) {
      h.clock.advance(GossipsubConfig.defaults().heartbeatInterval());
      h.router.heartbeat();
    }
    assertThat(h.router.dontWant.isUnwantedBy(v12, id)).isTrue();
    h.clock.advance(GossipsubConfig.defaults().heartbeatInterval());
    h.router.heartbeat();
    assertThat(h.router.dontWant.isUnwantedBy(v12, id)).isFalse();
  }

  @Test
  void aPeerCanNotMakeUsRememberMoreThanTheBound() {
    Random random = new Random(11);
    MessageId[] ids = new MessageId[DontWantList.MAX_IDS_PER_PEER + 500];
    RpcProto.ControlIDontWant.Builder spam = RpcProto.ControlIDontWant.newBuilder();
    for (int i = 0; i < ids.length; i++) {
      byte[] raw = new byte[40];
      random.nextBytes(raw);
      ids[i] = MessageId.of(raw);
      spam.addMessageIDs(ByteString.copyFrom(raw));
    }
    h.router.handleRpc(v12, RouterHarness.control(RpcProto.ControlMessage.newBuilder().addIdontwant(spam)));

    assertThat(h.router.dontWant.isUnwantedBy(v12, ids[DontWantList.MAX_IDS_PER_PEER - 1])).isTrue();
    assertThat(h.router.dontWant.isUnwantedBy(v12, ids[DontWantList.MAX_IDS_PER_PEER])).isFalse();
    h.router.removePeer(v12);
    assertThat(h.router.dontWant.isUnwantedBy(v12, ids[0])).as("forgotten with the peer").isFalse();
  }

  private static RpcProto.RPC dontWant(MessageId id) {
    return RouterHarness.control(RpcProto.ControlMessage.newBuilder().addIdontwant(
        RpcProto.ControlIDontWant.newBuilder().addMessageIDs(ByteString.copyFrom(id.bytes()))));
  }

  private static MessageId idOf(RpcProto.Message m) throws InvalidMessageException {
    return MessageSigning.verify(m).id();
  }
}
