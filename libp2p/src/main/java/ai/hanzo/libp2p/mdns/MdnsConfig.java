package ai.hanzo.libp2p.mdns;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * mDNS discovery settings. {@code interfaces} names the network interfaces to use; empty means every interface that
 * is up, multicast-capable, not point-to-point and has an IPv4 address. {@code peerName} is the first label of our
 * instance name ({@code <peerName>._p2p._udp.local}); {@code ttl} is what our answers carry.
 */
public record MdnsConfig(boolean enabled, Duration interval, List<String> interfaces, String serviceName,
    String peerName, Duration ttl) {
  public static final String SERVICE_NAME = "_p2p._udp.local";
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(120);
  /** A DNS label's limit, and the length js-libp2p uses for its random peer names. */
  public static final int PEER_NAME_LENGTH = 63;
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  public MdnsConfig {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("mDNS query interval must be positive, not " + interval);
    }
    if (ttl.isNegative() || ttl.toSeconds() > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("mDNS TTL must be 0 to 2^32-1 seconds, not " + ttl);
    }
    interfaces = List.copyOf(interfaces);
    DnsName.parse(serviceName);
    int nameBytes = peerName.getBytes(StandardCharsets.UTF_8).length;
    if (nameBytes == 0 || nameBytes > PEER_NAME_LENGTH || peerName.contains(".")) {
      throw new IllegalArgumentException("mDNS peer name '" + peerName
          + "' must be one DNS label: 1 to 63 bytes without dots");
    }
  }

  /** Enabled on every suitable interface, js-libp2p's interval, service name and TTL, a fresh random peer name. */
  public static MdnsConfig defaults() {
    return new MdnsConfig(true, DEFAULT_INTERVAL, List.of(), SERVICE_NAME, randomPeerName(new SecureRandom()),
        DEFAULT_TTL);
  }

  public static String randomPeerName(Random random) {
    StringBuilder name = new StringBuilder(PEER_NAME_LENGTH);
    for (int i = 0; i < PEER_NAME_LENGTH; i++) {
      name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return name.toString();
  }

  public MdnsConfig withEnabled(boolean on) {
    return new MdnsConfig(on, interval, interfaces, serviceName, peerName, ttl);
  }

  public MdnsConfig withInterval(Duration every) {
    return new MdnsConfig(enabled, every, interfaces, serviceName, peerName, ttl);
  }

  public MdnsConfig withInterfaces(List<String> names) {
    return new MdnsConfig(enabled, interval, names, serviceName, peerName, ttl);
  }

  public MdnsConfig withPeerName(String name) {
    return new MdnsConfig(enabled, interval, interfaces, serviceName, name, ttl);
  }

  DnsName service() {
    return DnsName.parse(serviceName);
  }

  DnsName instance() {
    return service().prepend(peerName);
  }
}
