package ai.hanzo.libp2p.peer;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Base58;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.libp2p.multiformats.Multihash;
import ai.hanzo.libp2p.multiformats.MultiformatException;
import ai.hanzo.libp2p.multiformats.PeerIdText;
import java.util.Optional;

/**
 * A libp2p peer id: the multihash of a marshalled public key, inlined (identity) when the key is
 * at most 42 bytes, else its sha2-256.
 */
public final class PeerId {
  /** Keys whose envelope is at most this long are inlined into the id. */
  public static final int MAX_INLINE_KEY_LENGTH = 42;

  private final Multihash multihash;

  private PeerId(Multihash multihash) {
    this.multihash = multihash;
  }

  public static PeerId fromPublicKey(PublicKey key) {
    byte[] marshalled = key.marshal();
    return new PeerId(marshalled.length <= MAX_INLINE_KEY_LENGTH
        ? Multihash.identity(marshalled)
        : Multihash.sha256(marshalled));
  }

  /** Parses base58btc ({@code 12D3KooW…}, {@code Qm…}) or CIDv1 text ({@code bafz…}). */
  public static PeerId parse(String text) {
    try {
      return new PeerId(PeerIdText.parseMultihash(text));
    } catch (MultiformatException e) {
      throw new MultiformatException("invalid peer id '" + text + "': " + e.getMessage(), e);
    }
  }

  /** The peer id of the last {@code /p2p/} component of {@code addr}, if any. */
  public static Optional<PeerId> of(Multiaddr addr) {
    return addr.p2pMultihash().map(PeerId::new);
  }

  /** Reads the binary form: a multihash (identity or sha2-256). */
  public static PeerId fromBytes(byte[] multihash) {
    return new PeerId(Multihash.fromBytes(multihash));
  }

  public Multihash multihash() {
    return multihash;
  }

  public byte[] toBytes() {
    return multihash.toBytes();
  }

  /** The CIDv1 text (multibase base32, codec libp2p-key). */
  public String toCid() {
    return PeerIdText.toCid(multihash);
  }

  /**
   * The public key when it is inlined in the id (Ed25519, secp256k1); empty for hashed keys.
   *
   * @throws ai.hanzo.libp2p.crypto.KeyFormatException when the inlined bytes are no valid key
   */
  public Optional<PublicKey> publicKey() {
    if (multihash.code() != Multihash.IDENTITY) {
      return Optional.empty();
    }
    return Optional.of(PublicKey.unmarshal(multihash.digest()));
  }

  /** True when {@code key} is the key this id was derived from. */
  public boolean matches(PublicKey key) {
    return equals(fromPublicKey(key));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId other && multihash.equals(other.multihash);
  }

  @Override
  public int hashCode() {
    return multihash.hashCode();
  }

  /** The base58btc text of the multihash, without a multibase prefix. */
  @Override
  public String toString() {
    return Base58.encode(multihash.toBytes());
  }
}
