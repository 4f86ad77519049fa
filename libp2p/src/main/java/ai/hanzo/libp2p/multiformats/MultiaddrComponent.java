package ai.hanzo.libp2p.multiformats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One {@code /protocol/value} pair of a multiaddr, its value held in binary form. */
public record MultiaddrComponent(Protocol protocol, byte[] value) {
  /**
   * Checks {@code value} is well-formed for {@code protocol}.
   *
   * @throws MultiformatException when it is not
   */
  public MultiaddrComponent {
    value = value.clone();
    if (protocol.size() != Protocol.VARIABLE && value.length != protocol.size()) {
      throw new MultiformatException(
          protocol.text() + " value must be " + protocol.size() + " bytes, got " + value.length);
    }
    if (protocol == Protocol.P2P) {
      Multihash.fromBytes(value);
    } else if (protocol.isDns()) {
      String name = new String(value, StandardCharsets.UTF_8);
      if (!Arrays.equals(name.getBytes(StandardCharsets.UTF_8), value)) {
        throw new MultiformatException(protocol.text() + " name is not valid UTF-8");
      }
      parseName(protocol, name);
    }
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Parses the text value of {@code protocol}, e.g. {@code 127.0.0.1} for ip4. */
  public static MultiaddrComponent parse(Protocol protocol, String text) {
    return new MultiaddrComponent(protocol, switch (protocol) {
      case IP4 -> IpAddresses.parseIp4(text);
      case IP6 -> IpAddresses.parseIp6(text);
      case TCP, UDP -> parsePort(protocol, text);
      case DNS, DNS4, DNS6, DNSADDR -> parseName(protocol, text);
      case P2P -> PeerIdText.parseMultihash(text).toBytes();
    });
  }

  public String valueText() {
    return switch (protocol) {
      case IP4 -> IpAddresses.formatIp4(value);
      case IP6 -> IpAddresses.formatIp6(value);
      case TCP, UDP -> Integer.toString(port());
      case DNS, DNS4, DNS6, DNSADDR -> new String(value, StandardCharsets.UTF_8);
      case P2P -> Base58.encode(value);
    };
  }

  /** The port of a tcp or udp component. */
  public int port() {
    if (protocol != Protocol.TCP && protocol != Protocol.UDP) {
      throw new MultiformatException(protocol.text() + " has no port");
    }
    return ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
  }

  void writeTo(ByteArrayOutputStream out) {
    Varint.write(protocol.code(), out);
    if (protocol.size() == Protocol.VARIABLE) {
      Varint.write(value.length, out);
    }
    out.writeBytes(value);
  }

  private static byte[] parsePort(Protocol protocol, String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new MultiformatException("invalid " + protocol.text() + " port '" + text + "'");
    }
    int port = Integer.parseInt(text);
    if (port > 65535) {
      throw new MultiformatException(protocol.text() + " port " + port + " is above 65535");
    }
    return new byte[] {(byte) (port >>> 8), (byte) port};
  }

  private static byte[] parseName(Protocol protocol, String text) {
    if (text.isEmpty() || text.indexOf('/') >= 0 || text.length() > 255) {
      throw new MultiformatException("invalid " + protocol.text() + " name '" + text + "'");
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!new String(bytes, StandardCharsets.UTF_8).equals(text)) {
      throw new MultiformatException(protocol.text() + " name is not valid UTF-8");
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiaddrComponent other
        && protocol == other.protocol
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * protocol.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "/" + protocol.text() + "/" + valueText();
  }
}
