package ai.hanzo.node.registry;

import java.math.BigInteger;

/**
 * The libp2p PeerId of an Ed25519 key: base58btc of the identity multihash ({@code 00 24}) of the key's protobuf
 * form, i.e. the familiar {@code 12D3KooW...}. Used as the assigned id of a node that registers without one.
 */
public final class PeerIds {
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private PeerIds() {}

  public static String fromEd25519(byte[] raw) {
    byte[] proto = Ed25519Keys.libp2pForm(raw);
    byte[] multihash = new byte[proto.length + 2];
    multihash[0] = 0x00;
    multihash[1] = (byte) proto.length;
    System.arraycopy(proto, 0, multihash, 2, proto.length);
    return base58(multihash);
  }

  static String base58(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    BigInteger n = new BigInteger(1, bytes);
    BigInteger base = BigInteger.valueOf(58);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(base);
      sb.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
      sb.append('1');
    }
    return sb.reverse().toString();
  }
}
