package ai.hanzo.libp2p.multiformats;

/** RFC 4648 base32, lower-case, without padding: the alphabet of multibase 'b'. */
public final class Base32 {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Base32() {}

  public static String encode(byte[] input) {
    StringBuilder out = new StringBuilder((input.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : input) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return out.toString();
  }

  /** Decodes lower-case unpadded base32; upper case is accepted too, as RFC 4648 allows. */
  public static byte[] decode(String input) {
    int tail = input.length() % 8;
    if (tail == 1 || tail == 3 || tail == 6) {
      throw new MultiformatException("invalid base32 length " + input.length());
    }
    byte[] out = new byte[input.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int written = 0;
    for (int i = 0; i < input.length(); i++) {
      buffer = (buffer << 5) | valueOf(input.charAt(i), i);
      bits += 5;
      if (bits >= 8) {
        out[written++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    if ((buffer & ((1 << bits) - 1)) != 0) {
      throw new MultiformatException("base32 input has non-zero trailing bits");
    }
    return out;
  }

  private static int valueOf(char c, int position) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= '2' && c <= '7') {
      return c - '2' + 26;
    }
    throw new MultiformatException("invalid base32 character '" + c + "' at position " + position);
  }
}
