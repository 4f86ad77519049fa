package ai.hanzo.libp2p.kad.record;

import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.pb.kad.SignedValueProto;
import ai.hanzo.libp2p.peer.PeerId;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A value of the {@code /signed/} namespace: a payload with a sequence number, signed by the
 * peer named in the key. Signing covers the key too, so a value cannot be replayed elsewhere.
 */
public record SignedValue(PublicKey publicKey, long sequence, byte[] payload, byte[] signature) {
  private static final byte[] DOMAIN =
      "libp2p-kad-signed-value:".getBytes(StandardCharsets.US_ASCII);

  public SignedValue {
    payload = payload.clone();
    signature = signature.clone();
  }

  /** The key under which {@code owner} publishes {@code name}: {@code /signed/<id>/<name>}. */
  public static byte[] keyFor(PeerId owner, String name) {
    return ("/" + SignedValueValidator.NAMESPACE + "/" + owner + "/" + name)
        .getBytes(StandardCharsets.UTF_8);
  }

  public static SignedValue sign(PrivateKey key, byte[] recordKey, long sequence,
      byte[] payload) {
    return new SignedValue(key.publicKey(), sequence, payload,
        key.sign(signedBytes(recordKey, sequence, payload)));
  }

  public boolean verify(byte[] recordKey) {
    return publicKey.verify(signedBytes(recordKey, sequence, payload), signature);
  }

  public byte[] encode() {
    return SignedValueProto.SignedValue.newBuilder()
        .setPublicKey(ByteString.copyFrom(publicKey.marshal()))
        .setSequence(sequence)
        .setPayload(ByteString.copyFrom(payload))
        .setSignature(ByteString.copyFrom(signature))
        .build().toByteArray();
  }

  public static SignedValue decode(byte[] bytes) throws InvalidRecordException {
    try {
      SignedValueProto.SignedValue v = SignedValueProto.SignedValue.parseFrom(bytes);
      return new SignedValue(PublicKey.unmarshal(v.getPublicKey().toByteArray()),
          v.getSequence(), v.getPayload().toByteArray(), v.getSignature().toByteArray());
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new InvalidRecordException("malformed signed value: " + e.getMessage());
    }
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  private static byte[] signedBytes(byte[] recordKey, long sequence, byte[] payload) {
    return ByteBuffer.allocate(DOMAIN.length + 4 + recordKey.length + 8 + payload.length)
        .put(DOMAIN).putInt(recordKey.length).put(recordKey).putLong(sequence).put(payload)
        .array();
  }
}
