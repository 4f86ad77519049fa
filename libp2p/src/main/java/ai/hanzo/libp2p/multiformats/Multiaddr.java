package ai.hanzo.libp2p.multiformats;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An immutable multiaddr. Equality is on the binary form, so {@code /ipfs/…} and {@code /p2p/…}
 * spellings of the same address are equal.
 */
public final class Multiaddr {
  private final List<MultiaddrComponent> components;
  private final byte[] bytes;

  private Multiaddr(List<MultiaddrComponent> components) {
    this.components = List.copyOf(components);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    components.forEach(c -> c.writeTo(out));
    this.bytes = out.toByteArray();
  }

  public static Multiaddr of(List<MultiaddrComponent> components) {
    return new Multiaddr(components);
  }

  /** Parses the text form, e.g. {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW…}. */
  public static Multiaddr parse(String text) {
    if (!text.startsWith("/")) {
      throw new MultiformatException("multiaddr '" + text + "' must start with '/'");
    }
    List<MultiaddrComponent> components = new ArrayList<>();
    if (text.equals("/")) {
      return new Multiaddr(components);
    }
    // One trailing slash is tolerated, as other implementations print and accept it.
    String body = text.endsWith("/") ? text.substring(1, text.length() - 1) : text.substring(1);
    String[] parts = body.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String name = parts[i];
      Protocol protocol = Protocol.byName(name).orElseThrow(() -> new MultiformatException(
          "unknown protocol '" + name + "' in multiaddr '" + text + "'"));
      if (++i >= parts.length) {
        throw new MultiformatException(
            "protocol '" + name + "' has no value in multiaddr '" + text + "'");
      }
      components.add(MultiaddrComponent.parse(protocol, parts[i]));
    }
    return new Multiaddr(components);
  }

  /** Parses the binary form: repeated {@code varint(code) value}. */
  public static Multiaddr fromBytes(byte[] bytes) {
    List<MultiaddrComponent> components = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      long[] code = Varint.decode(bytes, pos);
      pos += (int) code[1];
      Protocol protocol = Protocol.byCode(code[0]).orElseThrow(() -> new MultiformatException(
          "unknown multiaddr protocol code " + code[0]));
      int size = protocol.size();
      if (size == Protocol.VARIABLE) {
        long[] length = Varint.decode(bytes, pos);
        pos += (int) length[1];
        if (length[0] > bytes.length - pos) {
          throw new MultiformatException(protocol.text() + " value of " + length[0]
              + " bytes overruns the multiaddr (" + (bytes.length - pos) + " left)");
        }
        size = (int) length[0];
      } else if (size > bytes.length - pos) {
        throw new MultiformatException("truncated " + protocol.text() + " value");
      }
      components.add(new MultiaddrComponent(protocol, Arrays.copyOfRange(bytes, pos, pos + size)));
      pos += size;
    }
    return new Multiaddr(components);
  }

  /** {@code /ip4/a.b.c.d/tcp/port} or {@code /ip6/…/tcp/port} of a resolved socket address. */
  public static Multiaddr fromTcpAddress(InetSocketAddress address) {
    if (address.isUnresolved()) {
      return parse("/dns/" + address.getHostString() + "/tcp/" + address.getPort());
    }
    byte[] ip = address.getAddress().getAddress();
    Protocol protocol = address.getAddress() instanceof Inet4Address ? Protocol.IP4 : Protocol.IP6;
    byte[] port = {(byte) (address.getPort() >>> 8), (byte) address.getPort()};
    return new Multiaddr(List.of(
        new MultiaddrComponent(protocol, ip), new MultiaddrComponent(Protocol.TCP, port)));
  }

  public List<MultiaddrComponent> components() {
    return components;
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public Multiaddr encapsulate(Multiaddr inner) {
    List<MultiaddrComponent> joined = new ArrayList<>(components);
    joined.addAll(inner.components);
    return new Multiaddr(joined);
  }

  public Multiaddr encapsulate(String inner) {
    return encapsulate(parse(inner));
  }

  /**
   * Removes the last occurrence of {@code outer} and everything after it; returns this multiaddr
   * unchanged when {@code outer} does not occur.
   */
  public Multiaddr decapsulate(Multiaddr outer) {
    int at = Collections.lastIndexOfSubList(components, outer.components);
    if (at < 0 || outer.components.isEmpty()) {
      return this;
    }
    return new Multiaddr(components.subList(0, at));
  }

  public Multiaddr decapsulate(String outer) {
    return decapsulate(parse(outer));
  }

  /**
   * The multihash of the last {@code /p2p/} component, if any; {@code PeerId.of(addr)} wraps it (the peer id lives
   * above multiformats, which stays free of keys).
   */
  public Optional<Multihash> p2pMultihash() {
    for (int i = components.size() - 1; i >= 0; i--) {
      MultiaddrComponent c = components.get(i);
      if (c.protocol() == Protocol.P2P) {
        return Optional.of(Multihash.fromBytes(c.value()));
      }
    }
    return Optional.empty();
  }

  /**
   * The TCP endpoint of an {@code ip4|ip6|dns|dns4|dns6 / tcp} prefix. DNS names stay unresolved
   * so that calling this never blocks on a lookup.
   *
   * @throws MultiformatException when the address does not start with such a pair
   */
  public InetSocketAddress toInetSocketAddress() {
    if (components.size() < 2 || components.get(1).protocol() != Protocol.TCP) {
      throw new MultiformatException("multiaddr " + this + " is not an ip/dns + tcp address");
    }
    MultiaddrComponent host = components.get(0);
    int port = components.get(1).port();
    return switch (host.protocol()) {
      case IP4, IP6 -> {
        try {
          yield new InetSocketAddress(InetAddress.getByAddress(host.value()), port);
        } catch (UnknownHostException e) {
          throw new MultiformatException("invalid address in " + this, e);
        }
      }
      case DNS, DNS4, DNS6 -> InetSocketAddress.createUnresolved(host.valueText(), port);
      default -> throw new MultiformatException(
          "multiaddr " + this + " is not an ip/dns + tcp address");
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multiaddr other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    if (components.isEmpty()) {
      return "/";
    }
    StringBuilder out = new StringBuilder();
    components.forEach(out::append);
    return out.toString();
  }
}
