package ai.hanzo.libp2p.multiformats;

/** Multibase text: a one-character prefix naming the base, then the encoded bytes. */
public final class Multibase {
  private Multibase() {}

  /** The bases this library reads and writes. */
  public enum Base {
    BASE58BTC('z'),
    BASE32('b');

    private final char prefix;

    Base(char prefix) {
      this.prefix = prefix;
    }

    public char prefix() {
      return prefix;
    }
  }

  public static String encode(Base base, byte[] data) {
    return switch (base) {
      case BASE58BTC -> base.prefix + Base58.encode(data);
      case BASE32 -> base.prefix + Base32.encode(data);
    };
  }

  public static byte[] decode(String text) {
    if (text.isEmpty()) {
      throw new MultiformatException("empty multibase string");
    }
    String body = text.substring(1);
    return switch (text.charAt(0)) {
      case 'z' -> Base58.decode(body);
      case 'b' -> Base32.decode(body);
      default -> throw new MultiformatException(
          "unsupported multibase prefix '" + text.charAt(0) + "' (supported: z, b)");
    };
  }
}
