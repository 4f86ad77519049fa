package ai.hanzo.node.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compute pool as configured ({@code --pool NAME=SELECTOR}): its name, and a selector every key of which a member
 * node matches. The selector is {@code KEY=VALUE} terms joined with {@code +} (a character neither a word nor a shell
 * needs quoted), e.g. {@code gpu-eu=region=eu+gpu_model=A100}; keys are {@code region}, {@code zone},
 * {@code runtime}, {@code node_id}, {@code gpu_model}, {@code gpu_memory} (least memory per GPU, such as
 * {@code 40G}) or any label key.
 */
public record PoolDefinition(String id, Map<String, String> selector) {
  /** Most pools a node is configured with: every pool answer walks every heartbeat once per pool. */
  public static final int MAX_POOLS = 32;
  /** Most terms in one selector (as many as a placement's constraints). */
  public static final int MAX_TERMS = 16;
  /** Pool names: what a URL path segment and a command-line argument carry unquoted. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  /** Selector keys that are not labels. */
  public static final Set<String> BUILT_IN_KEYS = Set.of("region", "zone", "runtime", "node_id", "gpu_model",
      "gpu_memory");

  public PoolDefinition {
    selector = Map.copyOf(selector);
    if (!NAME.matcher(id).matches()) {
      throw new IllegalArgumentException("pool name '" + clip(id) + "' must be 1 to 63 of A-Z a-z 0-9 . _ -,"
          + " starting with a letter or digit");
    }
    if (selector.isEmpty() || selector.size() > MAX_TERMS) {
      throw new IllegalArgumentException("pool '" + id + "': a selector has 1 to " + MAX_TERMS + " KEY=VALUE terms");
    }
    selector.forEach((k, v) -> {
      if (!PlacementConfig.WORD.matcher(k).matches() || !PlacementConfig.WORD.matcher(v).matches()) {
        throw new IllegalArgumentException("pool '" + id + "': '" + clip(k) + "=" + clip(v)
            + "': keys and values must be 1 to 63 of A-Z a-z 0-9 . _ / -");
      }
    });
    if (selector.containsKey("gpu_memory")) {
      gpuMemoryBytes(id, selector.get("gpu_memory"));
    }
  }

  /** The selector's {@code gpu_memory} in bytes (k, m, g, t in powers of 1024); 0 when it has none. */
  public long gpuMemoryBytes() {
    String memory = selector.get("gpu_memory");
    return memory == null ? 0 : gpuMemoryBytes(id, memory);
  }

  private static long gpuMemoryBytes(String id, String text) {
    long bytes;
    try {
      bytes = Parsers.byteSizeOrAuto(text);
    } catch (IllegalArgumentException e) {
      bytes = 0;
    }
    if (bytes == 0) {
      throw new IllegalArgumentException("pool '" + id + "': gpu_memory '" + text
          + "' is not a size of at least 1MiB such as 40G");
    }
    return bytes;
  }

  /** Parses {@code NAME=KEY=VALUE[+KEY=VALUE...]}; IllegalArgumentException says what is wrong. */
  public static PoolDefinition parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("'" + clip(text) + "' is not NAME=KEY=VALUE[+KEY=VALUE...]");
    }
    String name = text.substring(0, eq);
    Map<String, String> selector = new LinkedHashMap<>();
    for (String term : text.substring(eq + 1).split("\\+", -1)) {
      int at = term.indexOf('=');
      if (at <= 0) {
        throw new IllegalArgumentException("pool '" + clip(name) + "': selector term '" + clip(term)
            + "' is not KEY=VALUE");
      }
      if (selector.put(term.substring(0, at), term.substring(at + 1)) != null) {
        throw new IllegalArgumentException("pool '" + clip(name) + "': key '" + clip(term.substring(0, at))
            + "' given twice");
      }
    }
    return new PoolDefinition(name, selector);
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
