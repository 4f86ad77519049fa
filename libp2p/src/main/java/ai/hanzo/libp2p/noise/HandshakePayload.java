package ai.hanzo.libp2p.noise;

import ai.hanzo.libp2p.crypto.KeyFormatException;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.pb.noise.NoisePayloadProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The libp2p payload of Noise messages 2 and 3: the identity key, its signature over the static
 * Noise key, and optionally the stream muxers offered for early negotiation.
 */
final class HandshakePayload {
  private static final byte[] SIGNATURE_PREFIX =
      "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

  /** What a verified payload tells about the peer. */
  record Remote(PublicKey identity, List<String> earlyMuxers) {}

  private HandshakePayload() {}

  static byte[] build(PrivateKey identity, byte[] staticNoiseKey, List<String> muxers) {
    NoisePayloadProto.NoiseHandshakePayload.Builder payload =
        NoisePayloadProto.NoiseHandshakePayload.newBuilder()
            .setIdentityKey(ByteString.copyFrom(identity.publicKey().marshal()))
            .setIdentitySig(ByteString.copyFrom(identity.sign(signedBytes(staticNoiseKey))));
    if (!muxers.isEmpty()) {
      payload.setExtensions(
          NoisePayloadProto.NoiseExtensions.newBuilder().addAllStreamMuxers(muxers));
    }
    return payload.build().toByteArray();
  }

  /**
   * Parses a peer's payload and checks its identity signed {@code remoteStaticNoiseKey}.
   *
   * @throws NoiseHandshakeException when the payload is malformed or the signature is invalid
   */
  static Remote verify(byte[] payload, byte[] remoteStaticNoiseKey) throws NoiseHandshakeException {
    NoisePayloadProto.NoiseHandshakePayload parsed;
    try {
      parsed = NoisePayloadProto.NoiseHandshakePayload.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new NoiseHandshakeException("malformed Noise handshake payload: " + e.getMessage(), e);
    }
    PublicKey identity;
    try {
      identity = PublicKey.unmarshal(parsed.getIdentityKey().toByteArray());
    } catch (KeyFormatException e) {
      throw new NoiseHandshakeException("peer's identity key is invalid: " + e.getMessage(), e);
    }
    if (!identity.verify(signedBytes(remoteStaticNoiseKey), parsed.getIdentitySig().toByteArray())) {
      throw new NoiseHandshakeException(
          "peer's identity signature over its static Noise key is invalid");
    }
    return new Remote(identity, List.copyOf(parsed.getExtensions().getStreamMuxersList()));
  }

  private static byte[] signedBytes(byte[] staticNoiseKey) {
    byte[] out = new byte[SIGNATURE_PREFIX.length + staticNoiseKey.length];
    System.arraycopy(SIGNATURE_PREFIX, 0, out, 0, SIGNATURE_PREFIX.length);
    System.arraycopy(staticNoiseKey, 0, out, SIGNATURE_PREFIX.length, staticNoiseKey.length);
    return out;
  }
}
