package ai.hanzo.libp2p.crypto;

import ai.hanzo.libp2p.pb.crypto.KeysProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

/** The protobuf envelope of {@code keys.proto}: {@code Type} plus algorithm-specific {@code Data}. */
final class KeyEnvelope {
  private KeyEnvelope() {}

  static byte[] marshalPublic(PublicKey key) {
    return KeysProto.PublicKey.newBuilder()
        .setType(KeysProto.KeyType.forNumber(key.type().number()))
        .setData(ByteString.copyFrom(key.raw()))
        .build()
        .toByteArray();
  }

  static byte[] marshalPrivate(PrivateKey key) {
    return KeysProto.PrivateKey.newBuilder()
        .setType(KeysProto.KeyType.forNumber(key.type().number()))
        .setData(ByteString.copyFrom(key.raw()))
        .build()
        .toByteArray();
  }

  static PublicKey unmarshalPublic(byte[] bytes) {
    KeysProto.PublicKey envelope;
    try {
      envelope = KeysProto.PublicKey.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new KeyFormatException("malformed PublicKey protobuf: " + e.getMessage(), e);
    }
    byte[] data = envelope.getData().toByteArray();
    return switch (envelope.getType()) {
      case Ed25519 -> Ed25519PublicKey.fromRaw(data);
      case Secp256k1 -> Secp256k1PublicKey.fromRaw(data);
      case ECDSA -> EcdsaPublicKey.fromPkix(data);
      case RSA -> RsaPublicKey.fromPkix(data);
    };
  }

  static PrivateKey unmarshalPrivate(byte[] bytes) {
    KeysProto.PrivateKey envelope;
    try {
      envelope = KeysProto.PrivateKey.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new KeyFormatException("malformed PrivateKey protobuf: " + e.getMessage(), e);
    }
    byte[] data = envelope.getData().toByteArray();
    return switch (envelope.getType()) {
      case Ed25519 -> Ed25519PrivateKey.fromRaw(data);
      case Secp256k1 -> Secp256k1PrivateKey.fromRaw(data);
      case ECDSA -> EcdsaPrivateKey.fromSec1(data);
      case RSA -> throw new KeyFormatException("RSA private keys are not supported (verify-only)");
    };
  }
}
