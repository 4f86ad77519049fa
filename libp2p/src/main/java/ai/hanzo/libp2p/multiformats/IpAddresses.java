package ai.hanzo.libp2p.multiformats;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Strict IP literal parsing and formatting, never touching DNS. */
final class IpAddresses {
  private IpAddresses() {}

  static byte[] parseIp4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new MultiformatException("invalid ip4 address '" + text + "'");
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
          || (part.length() > 1 && part.charAt(0) == '0')) {
        throw new MultiformatException("invalid ip4 address '" + text + "'");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw new MultiformatException("invalid ip4 address '" + text + "': octet " + value);
      }
      out[i] = (byte) value;
    }
    return out;
  }

  static String formatIp4(byte[] address) {
    return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "."
        + (address[3] & 0xFF);
  }

  static byte[] parseIp6(String text) {
    // The restricted characters and the brackets make InetAddress parse a literal or fail; it
    // never falls back to a DNS lookup.
    boolean literal = !text.isEmpty() && text.length() <= 45 && text.indexOf(':') >= 0
        && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    if (!literal) {
      throw new MultiformatException("invalid ip6 address '" + text + "'");
    }
    try {
      byte[] bytes = InetAddress.getByName("[" + text + "]").getAddress();
      if (bytes.length == 4) {
        // The JDK folds IPv4-mapped addresses into IPv4; keep the 16-byte form multiaddr needs.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
      }
      return bytes;
    } catch (UnknownHostException e) {
      throw new MultiformatException("invalid ip6 address '" + text + "'", e);
    }
  }

  /** RFC 5952 text: lower case, the longest run of two or more zero groups shortened to "::". */
  static String formatIp6(byte[] address) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }
}
