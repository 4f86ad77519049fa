package ai.hanzo.node.iam;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  public static Cidr parse(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR such as 10.0.0.0/8");
    }
    byte[] address;
    try {
      // only literals reach here (checked above), so this never does a DNS lookup
      address = InetAddress.getByName(parts[0]).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR such as 10.0.0.0/8");
    }
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has a prefix length that is not a number");
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
    }
    return new Cidr(address, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int remaining = prefixLength % 8;
    if (remaining == 0) {
      return true;
    }
    int mask = (0xff << (8 - remaining)) & 0xff;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }
}
