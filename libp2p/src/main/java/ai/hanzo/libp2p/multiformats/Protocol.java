package ai.hanzo.libp2p.multiformats;

import java.util.Arrays;
import java.util.Optional;

/** The multiaddr protocols this library understands, with their codes from the multicodec table. */
public enum Protocol {
  IP4(4, "ip4", 4),
  TCP(6, "tcp", 2),
  UDP(273, "udp", 2),
  DNS(53, "dns", Protocol.VARIABLE),
  DNS4(54, "dns4", Protocol.VARIABLE),
  DNS6(55, "dns6", Protocol.VARIABLE),
  DNSADDR(56, "dnsaddr", Protocol.VARIABLE),
  IP6(41, "ip6", 16),
  P2P(421, "p2p", Protocol.VARIABLE);

  /** Marks a protocol whose value is length-prefixed with a varint on the wire. */
  static final int VARIABLE = -1;

  private final int code;
  private final String text;
  private final int size;

  Protocol(int code, String text, int size) {
    this.code = code;
    this.text = text;
    this.size = size;
  }

  public int code() {
    return code;
  }

  /** The name in the text form, e.g. {@code ip4}. */
  public String text() {
    return text;
  }

  /** Fixed value size in bytes, or -1 when the value is length-prefixed. */
  public int size() {
    return size;
  }

  public boolean isDns() {
    return this == DNS || this == DNS4 || this == DNS6 || this == DNSADDR;
  }

  public static Optional<Protocol> byCode(long code) {
    return Arrays.stream(values()).filter(p -> p.code == code).findFirst();
  }

  /** Looks a protocol up by its text name; {@code ipfs} is the historic name of {@code p2p}. */
  public static Optional<Protocol> byName(String name) {
    if (name.equals("ipfs")) {
      return Optional.of(P2P);
    }
    return Arrays.stream(values()).filter(p -> p.text.equals(name)).findFirst();
  }
}
