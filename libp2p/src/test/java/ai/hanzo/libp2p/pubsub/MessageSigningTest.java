package ai.hanzo.libp2p.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessageSigningTest {
  /**
   * Made by js-libp2p (@libp2p/gossipsub 17.1.1's RPC.Message.encode and msgId, @libp2p/crypto
   * 5.1.23): the js-peer test identity (seed 00..1f) signs "hello gossip" on "vector-topic" with
   * seqno 0x0102030405060708, key field set.
   */
  private static final String JS_MESSAGE = "0a2600240801122003a107bff3ce10be1d70dd18e74bc09967e4d6"
      + "309ba50d5f1ddc8664125531b8120c68656c6c6f20676f737369701a080102030405060708220c76656374"
      + "6f722d746f7069632a4065acb6feb39398d0ef931beb29692c778a876cc616b35fa66813e62dba3329549c"
      + "55426069df44b6de9ab8324d5721e7f111544610b0ae9378281627ce183e0532240801122003a107bff3ce"
      + "10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8";
  private static final String JS_ID = "0801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1dd"
      + "c8664125531b80102030405060708";

  private static final Ed25519PrivateKey JS_TEST_KEY = Ed25519PrivateKey.fromSeed(
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));

  @Test
  void verifiesTheJsVectorAndComputesTheJsMessageId() throws Exception {
    RpcProto.Message js = RpcProto.Message.parseFrom(HexFormat.of().parseHex(JS_MESSAGE));
    MessageSigning.Verified v = MessageSigning.verify(js);
    assertThat(v.from().toString()).isEqualTo("12D3KooWA4Xop1JaT3MHxwYMkCepYsv4iPVopMXwCz5iHYdBfeSB");
    assertThat(v.seqno()).isEqualTo(0x0102030405060708L);
    assertThat(v.id().toString()).isEqualTo(JS_ID);
    assertThat(v.id().length()).isEqualTo(44);
  }

  @Test
  void signsByteForByteAsJsDoes() {
    RpcProto.Message ours = MessageSigning.sign(JS_TEST_KEY, "vector-topic",
        "hello gossip".getBytes(StandardCharsets.UTF_8), 0x0102030405060708L);
    assertThat(HexFormat.of().formatHex(ours.toByteArray())).isEqualTo(JS_MESSAGE);
  }

  @Test
  void rejectsEveryStrictSignViolationWithAReason() {
    RpcProto.Message good = MessageSigning.sign(Ed25519PrivateKey.generate(), "t", new byte[0], 5);
    RpcProto.Message otherKey = MessageSigning.sign(Ed25519PrivateKey.generate(), "t", new byte[0], 5);
    assertReason(good.toBuilder().clearSeqno().build(), "seqno");
    assertReason(good.toBuilder().setSeqno(ByteString.copyFrom(new byte[4])).build(), "seqno");
    assertReason(good.toBuilder().clearSignature().build(), "not signed");
    assertReason(good.toBuilder().clearFrom().build(), "no from");
    assertReason(good.toBuilder().setFrom(ByteString.copyFromUtf8("junk")).build(), "bad from");
    assertReason(good.toBuilder().setKey(otherKey.getKey()).build(), "does not match");
    assertReason(good.toBuilder().setKey(ByteString.copyFromUtf8("junk")).build(), "bad key");
    assertReason(good.toBuilder().setTopic("u").build(), "bad signature");
    assertReason(good.toBuilder().setSignature(otherKey.getSignature()).build(), "bad signature");
  }

  @Test
  void emptyDataIsSignedAndVerified() throws Exception {
    RpcProto.Message m = MessageSigning.sign(Ed25519PrivateKey.generate(), "t", new byte[0], 1);
    assertThat(m.hasData()).isTrue();
    assertThat(MessageSigning.verify(m).seqno()).isEqualTo(1);
  }

  private static void assertReason(RpcProto.Message m, String reason) {
    assertThatThrownBy(() -> MessageSigning.verify(m))
        .isInstanceOf(InvalidMessageException.class).hasMessageContaining(reason);
  }
}
