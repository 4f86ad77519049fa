package ai.hanzo.node.compute;

import ai.hanzo.node.storage.ConfigStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The holds of this node, in the config store under one key ({@code capacity.holds}, a line per hold) so they
 * survive a restart and every change is one synced write: at most {@link #MAX_TOTAL} lines of a few hundred bytes.
 * Not synchronized itself: the {@link Orchestrator} reads and changes it under its change lock, so admission and a
 * new hold never both take the same capacity.
 */
final class CapacityHolds {
  /** Holds one node keeps at once, all organisations together. */
  static final int MAX_TOTAL = 256;
  /** Holds one organisation may have on one node. */
  static final int MAX_PER_ORG = 64;
  /** GPUs one hold may keep. */
  static final int MAX_GPUS = 64;
  /** Org, peer and deployment ids: longer ones are refused before they are stored. */
  static final int MAX_TEXT = 256;
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final String KEY = "capacity.holds";

  private final ConfigStore store;
  private Map<String, CapacityHold> holds;

  CapacityHolds(ConfigStore store) {
    this.store = store;
  }

  List<CapacityHold> all() {
    return List.copyOf(loaded().values());
  }

  Optional<CapacityHold> find(String id) {
    return Optional.ofNullable(loaded().get(id));
  }

  void put(CapacityHold hold) {
    Map<String, CapacityHold> next = new LinkedHashMap<>(loaded());
    next.put(hold.id(), hold);
    write(next);
  }

  void remove(String id) {
    Map<String, CapacityHold> next = new LinkedHashMap<>(loaded());
    if (next.remove(id) != null) {
      write(next);
    }
  }

  /** Removes and answers every hold expired at {@code now} (used ones too: their allocation ended). */
  List<CapacityHold> expire(Instant now) {
    Map<String, CapacityHold> next = new LinkedHashMap<>(loaded());
    List<CapacityHold> gone = new ArrayList<>();
    next.values().removeIf(h -> {
      if (h.expired(now)) {
        gone.add(h);
        return true;
      }
      return false;
    });
    if (!gone.isEmpty()) {
      write(next);
    }
    return gone;
  }

  private Map<String, CapacityHold> loaded() {
    if (holds == null) {
      Map<String, CapacityHold> read = new LinkedHashMap<>();
      String text = store.get(KEY).orElse("");
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          CapacityHold h = decode(line);
          read.put(h.id(), h);
        }
      }
      holds = read;
    }
    return holds;
  }

  private void write(Map<String, CapacityHold> next) {
    StringBuilder text = new StringBuilder();
    next.values().forEach(h -> text.append(encode(h)).append('\n'));
    store.put(KEY, text.toString());
    holds = next;
  }

  static String encode(CapacityHold h) {
    return String.join("\t", h.id(), esc(h.org()), esc(h.placerPeerId()), Long.toString(h.nanoCpus()),
        Long.toString(h.memoryBytes()), Integer.toString(h.replicas()), esc(String.join(",", h.gpus())),
        Long.toString(h.createdAt().toEpochMilli()), Long.toString(h.expiresAt().toEpochMilli()), esc(h.usedBy()));
  }

  static CapacityHold decode(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 10) {
      throw new IllegalStateException("a stored capacity hold has " + f.length + " fields, not 10: the "
          + KEY + " setting is damaged");
    }
    String gpus = unesc(f[6]);
    return new CapacityHold(f[0], unesc(f[1]), unesc(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
        Integer.parseInt(f[5]), gpus.isEmpty() ? List.of() : Arrays.asList(gpus.split(",")),
        Instant.ofEpochMilli(Long.parseLong(f[7])), Instant.ofEpochMilli(Long.parseLong(f[8])), unesc(f[9]));
  }

  private static String esc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unesc(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
