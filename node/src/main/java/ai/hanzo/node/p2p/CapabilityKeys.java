package ai.hanzo.node.p2p;

import ai.hanzo.node.p2p.gossip.Capabilities;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DHT provider keys for what a node can run: {@code sha256("hanzo/runtime/<name>")},
 * {@code sha256("hanzo/gpu/<model>")} and {@code sha256("hanzo/model/<name>")} for each model it serves, so that
 * any node finds capable ones without a registry.
 */
public final class CapabilityKeys {
  private static final Pattern CAPABILITY = Pattern.compile("(runtime|gpu|model)/[^\\s/][^/]{0,127}");

  private CapabilityKeys() {}

  /** The capability of serving the model {@code name}. */
  public static String model(String name) {
    return "model/" + name;
  }

  /** The capabilities named as {@code runtime/<name>}, {@code gpu/<model>} and {@code model/<name>}. */
  public static List<String> names(Capabilities capabilities) {
    List<String> names = new ArrayList<>();
    capabilities.runtimes().forEach(r -> names.add("runtime/" + r));
    capabilities.gpus().stream().map(g -> "gpu/" + g.model()).distinct().forEach(names::add);
    capabilities.models().forEach(m -> names.add(model(m)));
    return names;
  }

  /**
   * @param capability {@code runtime/<name>}, {@code gpu/<model>} or {@code model/<name>}
   * @throws IllegalArgumentException saying what a capability looks like
   */
  public static byte[] key(String capability) {
    if (!CAPABILITY.matcher(capability).matches()) {
      throw new IllegalArgumentException("a capability is runtime/<name>, gpu/<model> or model/<name>"
          + " (e.g. runtime/process), got '" + capability + "'");
    }
    String normalized = capability.startsWith("runtime/") ? capability.toLowerCase(Locale.ROOT) : capability;
    try {
      return MessageDigest.getInstance("SHA-256").digest(("hanzo/" + normalized).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
