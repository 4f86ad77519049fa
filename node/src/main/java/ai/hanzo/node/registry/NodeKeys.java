package ai.hanzo.node.registry;

import ai.hanzo.libp2p.crypto.Ed25519PublicKey;
import ai.hanzo.libp2p.crypto.KeyFormatException;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.node.error.NodeException;

/**
 * The Ed25519 keys of registering nodes, read and checked with hanzo-libp2p's key types (one implementation of the
 * libp2p key envelope and PeerId in the build). A node sends its key either as the raw 32 bytes or as the libp2p
 * {@code PublicKey} protobuf; the registry stores the raw 32 bytes.
 */
public final class NodeKeys {
  private static final String ACCEPTED =
      "expected an Ed25519 key as 32 raw bytes or as a libp2p PublicKey protobuf (08 01 12 20 + 32 bytes)";

  private NodeKeys() {}

  /** The key, or INVALID_ARGUMENT naming {@code field} and the accepted forms. */
  static Ed25519PublicKey decode(byte[] encoded, String field) {
    if (encoded == null || encoded.length == 0) {
      throw NodeException.invalidField(field, "is required (an Ed25519 public key)");
    }
    PublicKey key;
    try {
      // 32 bytes cannot be an envelope holding a 32-byte key, so the two forms never overlap.
      key = encoded.length == Ed25519PublicKey.LENGTH ? Ed25519PublicKey.fromRaw(encoded)
          : PublicKey.unmarshal(encoded);
    } catch (KeyFormatException e) {
      throw NodeException.invalidField(field, ACCEPTED + ", got " + encoded.length + " bytes: " + e.getMessage());
    }
    if (!(key instanceof Ed25519PublicKey ed25519)) {
      throw NodeException.invalidField(field, ACCEPTED + ", got " + encoded.length + " bytes of a " + key.type()
          + " key");
    }
    return ed25519;
  }

  /** The PeerId text ({@code 12D3KooW...}) a node registering without an id is given. */
  static String peerId(Ed25519PublicKey key) {
    return PeerId.fromPublicKey(key).toString();
  }

  /** True only for a valid signature by the stored key {@code raw}; malformed input is simply false. */
  static boolean verify(byte[] raw, byte[] message, byte[] signature) {
    if (signature == null) {
      return false;
    }
    try {
      return Ed25519PublicKey.fromRaw(raw).verify(message, signature);
    } catch (KeyFormatException e) {
      // A stored key that is not a curve point (see libp2pForm) proves nothing.
      return false;
    }
  }

  /**
   * The libp2p protobuf form of a stored key, as the API returns it. Registrations stored before keys were checked
   * to be curve points may hold 32 bytes that are not one; libp2p will not wrap those, so they are returned raw
   * rather than failing the listing of every node (such a node can never confirm anyway).
   */
  public static byte[] libp2pForm(byte[] raw) {
    try {
      return Ed25519PublicKey.fromRaw(raw).marshal();
    } catch (KeyFormatException e) {
      return raw.clone();
    }
  }
}
