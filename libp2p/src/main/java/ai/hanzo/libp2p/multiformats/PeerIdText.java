package ai.hanzo.libp2p.multiformats;

import java.io.ByteArrayOutputStream;

/**
 * The two text forms of a peer id: the bare base58btc multihash ({@code 12D3KooW…}, {@code Qm…})
 * and a CIDv1 with the libp2p-key codec in any supported multibase ({@code bafz…}).
 */
public final class PeerIdText {
  /** Multicodec code of libp2p-key, the CID content type of a peer id. */
  public static final int LIBP2P_KEY = 0x72;

  private static final int CID_V1 = 1;

  private PeerIdText() {}

  public static Multihash parseMultihash(String text) {
    if (text.startsWith("1") || text.startsWith("Qm")) {
      return Multihash.fromBytes(Base58.decode(text));
    }
    return fromCid(Multibase.decode(text), text);
  }

  /** The CIDv1 text of a peer id: multibase base32 of {@code 0x01 0x72 multihash}. */
  public static String toCid(Multihash multihash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varint.write(CID_V1, out);
    Varint.write(LIBP2P_KEY, out);
    out.writeBytes(multihash.toBytes());
    return Multibase.encode(Multibase.Base.BASE32, out.toByteArray());
  }

  private static Multihash fromCid(byte[] cid, String text) {
    long[] version = Varint.decode(cid, 0);
    if (version[0] != CID_V1) {
      throw new MultiformatException("peer id CID '" + text + "' is not CIDv1");
    }
    long[] codec = Varint.decode(cid, (int) version[1]);
    if (codec[0] != LIBP2P_KEY) {
      throw new MultiformatException(
          "peer id CID '" + text + "' has codec 0x" + Long.toHexString(codec[0])
              + ", expected libp2p-key 0x72");
    }
    int offset = (int) (version[1] + codec[1]);
    return Multihash.fromBytes(cid, offset, cid.length - offset);
  }
}
