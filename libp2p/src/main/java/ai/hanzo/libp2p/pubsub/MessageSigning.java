package ai.hanzo.libp2p.pubsub;

import ai.hanzo.libp2p.crypto.KeyFormatException;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.pb.pubsub.RpcProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The StrictSign policy: every message carries {@code from}, an 8-byte {@code seqno} and a
 * signature over {@code "libp2p-pubsub:"} plus the message's protobuf without signature and key;
 * the key travels in {@code key} when {@code from} does not inline it. The message id is the
 * author's PublicKey protobuf followed by the seqno, as js-libp2p computes it.
 */
public final class MessageSigning {
  private static final byte[] PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

  private MessageSigning() {}

  /** A verified message's author, key and id. */
  public record Verified(PeerId from, PublicKey key, long seqno, MessageId id) {}

  public static RpcProto.Message sign(PrivateKey key, String topic, byte[] data, long seqno) {
    PeerId from = PeerId.fromPublicKey(key.publicKey());
    RpcProto.Message unsigned = RpcProto.Message.newBuilder()
        .setFrom(ByteString.copyFrom(from.toBytes()))
        .setData(ByteString.copyFrom(data))
        .setSeqno(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(seqno).array()))
        .setTopic(topic)
        .build();
    byte[] signature = key.sign(signedBytes(unsigned));
    RpcProto.Message.Builder signed = unsigned.toBuilder()
        .setSignature(ByteString.copyFrom(signature))
        .setKey(ByteString.copyFrom(key.publicKey().marshal()));
    return signed.build();
  }

  /** Checks a received message against StrictSign; the exception says what was wrong. */
  public static Verified verify(RpcProto.Message message) throws InvalidMessageException {
    if (!message.hasSeqno() || message.getSeqno().size() != 8) {
      throw new InvalidMessageException("seqno missing or not 8 bytes");
    }
    if (!message.hasSignature()) {
      throw new InvalidMessageException("message is not signed");
    }
    if (!message.hasFrom()) {
      throw new InvalidMessageException("message has no from field");
    }
    PeerId from;
    Optional<PublicKey> inlined;
    try {
      from = PeerId.fromBytes(message.getFrom().toByteArray());
      inlined = from.publicKey();
    } catch (MultiformatException | KeyFormatException e) {
      throw new InvalidMessageException("bad from field: " + e.getMessage());
    }
    PublicKey key = inlined.orElse(null);
    if (message.hasKey()) {
      PublicKey carried;
      try {
        carried = PublicKey.unmarshal(message.getKey().toByteArray());
      } catch (KeyFormatException e) {
        throw new InvalidMessageException("bad key field: " + e.getMessage());
      }
      if (!from.matches(carried)) {
        throw new InvalidMessageException("key field does not match from " + from);
      }
      key = carried;
    }
    if (key == null) {
      throw new InvalidMessageException("from " + from + " does not inline its key and no key field");
    }
    if (!key.verify(signedBytes(message), message.getSignature().toByteArray())) {
      throw new InvalidMessageException("bad signature from " + from);
    }
    long seqno = message.getSeqno().asReadOnlyByteBuffer().getLong();
    Optional<MessageId> id = claimedId(message);
    return new Verified(from, key, seqno,
        id.isPresent() ? id.get() : messageId(key, message.getSeqno()));
  }

  /**
   * The id a message claims, computed without checking its signature (cheap, for de-duplication
   * before verification): the key protobuf inlined in {@code from}, else the {@code key} field,
   * followed by the 8-byte seqno. Empty when the message cannot have a StrictSign id.
   */
  static Optional<MessageId> claimedId(RpcProto.Message message) {
    if (message.getSeqno().size() != 8) {
      return Optional.empty();
    }
    ByteString from = message.getFrom();
    // An identity multihash is 0x00, a one-byte length (keys up to 42 bytes) and the key protobuf.
    if (from.size() > 2 && from.byteAt(0) == 0 && (from.byteAt(1) & 0xff) == from.size() - 2) {
      return Optional.of(concat(from.substring(2).toByteArray(), message.getSeqno()));
    }
    if (message.hasKey()) {
      return Optional.of(concat(message.getKey().toByteArray(), message.getSeqno()));
    }
    return Optional.empty();
  }

  /** js-libp2p's StrictSign message id: PublicKey protobuf then seqno. */
  static MessageId messageId(PublicKey key, ByteString seqno) {
    return concat(key.marshal(), seqno);
  }

  private static MessageId concat(byte[] k, ByteString seqno) {
    byte[] id = new byte[k.length + seqno.size()];
    System.arraycopy(k, 0, id, 0, k.length);
    seqno.copyTo(id, k.length);
    return MessageId.wrap(id);
  }

  /**
   * The bytes a signature covers: the known fields without signature and key, re-encoded in
   * field order, an empty topic omitted (as js re-encodes them to verify).
   */
  static byte[] signedBytes(RpcProto.Message message) {
    RpcProto.Message.Builder b = RpcProto.Message.newBuilder();
    if (message.hasFrom()) {
      b.setFrom(message.getFrom());
    }
    if (message.hasData()) {
      b.setData(message.getData());
    }
    if (message.hasSeqno()) {
      b.setSeqno(message.getSeqno());
    }
    if (!message.getTopic().isEmpty()) {
      b.setTopic(message.getTopic());
    }
    byte[] body = b.build().toByteArray();
    byte[] out = new byte[PREFIX.length + body.length];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    System.arraycopy(body, 0, out, PREFIX.length, body.length);
    return out;
  }
}
