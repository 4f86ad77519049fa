package ai.hanzo.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers shared by the option classes; each throws IllegalArgumentException with a short reason. */
public final class Parsers {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern HOST_NAME =
      Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern MULTIADDR_TCP =
      Pattern.compile("/(ip4|ip6|dns|dns4|dns6)/[^/]+/tcp/\\d{1,5}(/p2p/[1-9A-HJ-NP-Za-km-z]+|/.*)?");

  private Parsers() {}

  public static String text(String s) {
    if (s.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    return s.trim();
  }

  public static Path path(String s) {
    return Path.of(text(s));
  }

  public static boolean bool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  /** {@code auto} (empty), or a boolean. */
  public static java.util.Optional<Boolean> autoOrBool(String s) {
    return s.trim().equalsIgnoreCase("auto") || s.isBlank() ? java.util.Optional.empty()
        : java.util.Optional.of(bool(s));
  }

  public static int peerLimit(String s) {
    return intBetween(s, 1, 10_000);
  }

  public static int streamLimit(String s) {
    return intBetween(s, 1, 1_000_000);
  }

  /** Blocks a peer's stake answer is reused for. */
  public static int stakeRefreshBlocks(String s) {
    return intBetween(s, 1, 100_000);
  }

  public static int intBetween(String s, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException("out of range");
    }
    return n;
  }

  public static String interfaceName(String s) {
    if (!s.trim().matches("[A-Za-z0-9_.:@-]{1,64}")) {
      throw new IllegalArgumentException("not an interface name");
    }
    return s.trim();
  }

  /**
   * A DNS name or an IP address (IPv6 with or without brackets), no port; lower-cased, brackets and a trailing dot
   * removed, as HTTP {@code Host} values are compared.
   */
  public static String hostName(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    if (io.netty.util.NetUtil.isValidIpV4Address(t) || io.netty.util.NetUtil.isValidIpV6Address(t)
        || HOST_NAME.matcher(t).matches()) {
      return t;
    }
    throw new IllegalArgumentException("not a host name or IP address (give no port or scheme)");
  }

  public static String nodeId(String s) {
    if (!NODE_ID.matcher(s).matches()) {
      throw new IllegalArgumentException("letters, digits, '.', '_' or '-', at most 128");
    }
    return s;
  }

  public static String networkId(String s) {
    if (!s.matches("\\d{1,20}")) {
      throw new IllegalArgumentException("digits only");
    }
    return s;
  }

  /** A TCP multiaddr; the full multiaddr grammar is checked again by the libp2p layer when it binds or dials. */
  public static String tcpMultiaddr(String s) {
    String t = s.trim();
    if (!MULTIADDR_TCP.matcher(t).matches()) {
      throw new IllegalArgumentException("not a TCP multiaddr");
    }
    String port = t.split("/")[4];
    if (Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    return t;
  }

  /** Durations such as {@code 500ms}, {@code 30s}, {@code 1h30m}, {@code 7d}. */
  public static Duration duration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException("not a duration");
    }
    return total;
  }

  public static Duration positiveDuration(String s) {
    Duration d = duration(s);
    if (d.isZero()) {
      throw new IllegalArgumentException("must be greater than zero");
    }
    return d;
  }

  public static <E extends Enum<E>> E enumValue(Class<E> type, String s) {
    try {
      return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown value");
    }
  }

  /** An http(s) URL of a JSON-RPC endpoint, with a host. */
  public static java.net.URI rpcUrl(String s) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(s.trim());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http or https URL with a host");
    }
    return uri;
  }

  /** An EVM chain id: a positive decimal number that fits a signed 64-bit integer. */
  public static long chainId(String s) {
    String t = s.trim();
    if (!t.matches("[1-9]\\d{0,18}")) {
      throw new IllegalArgumentException("not a positive decimal chain id");
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("too large for a chain id");
    }
  }

  /** An EVM address, 0x and 40 hex digits (any case; checksums are not required), kept in lower case. */
  public static String evmAddress(String s) {
    String t = s.trim();
    if (!t.matches("0x[0-9a-fA-F]{40}")) {
      throw new IllegalArgumentException("not an address of 0x and 40 hex digits");
    }
    return t.toLowerCase(Locale.ROOT);
  }

  public static int confirmations(String s) {
    return intBetween(s, 0, 10_000);
  }

  public static int queueDepth(String s) {
    return intBetween(s, 0, ModelServingConfig.MAX_QUEUE_DEPTH);
  }

  /** {@code auto} (0) or a number of sequences from 1 to {@link ModelServingConfig#MAX_PARALLEL}. */
  public static int parallelOrAuto(String s) {
    if (s.trim().equalsIgnoreCase("auto")) {
      return 0;
    }
    return intBetween(s, 1, ModelServingConfig.MAX_PARALLEL);
  }

  private static final Pattern BYTE_SIZE = Pattern.compile("(\\d{1,15})\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");

  /**
   * {@code auto} (0) or a size in bytes with an optional unit: {@code 512MiB}, {@code 8GiB}, {@code 8G}; k, m, g
   * and t count in powers of 1024 whether or not the {@code i} is written (memory is sized in those). At least 1 MiB.
   */
  /** A size as {@link #byteSizeOrAuto}, without {@code auto}. */
  public static long byteSize(String s) {
    if (s.trim().equalsIgnoreCase("auto")) {
      throw new IllegalArgumentException("not a size");
    }
    return byteSizeOrAuto(s);
  }

  public static long byteSizeOrAuto(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("auto")) {
      return 0;
    }
    Matcher m = BYTE_SIZE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    int shift = switch (unit.charAt(0)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("too large");
    }
    long bytes = n << shift;
    if (bytes < (1L << 20)) {
      throw new IllegalArgumentException("less than 1MiB");
    }
    return bytes;
  }
}
