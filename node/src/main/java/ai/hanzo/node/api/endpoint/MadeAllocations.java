package ai.hanzo.node.api.endpoint;

import ai.hanzo.node.api.v1.Allocation;
import ai.hanzo.node.storage.ConfigStore;
import com.google.protobuf.InvalidProtocolBufferException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allocations this node made (which nodes hold what, for which org), in the config store under one key
 * ({@code allocation.made}, a line per allocation: its org and the {@link Allocation} message) so GetAllocation
 * and ReleaseAllocation still find them after a restart. Bounded by {@link #MAX_TOTAL} and {@link #MAX_PER_ORG}.
 */
public final class MadeAllocations {
  static final int MAX_TOTAL = 256;
  static final int MAX_PER_ORG = 64;
  private static final String KEY = "allocation.made";

  /** One allocation and the org that owns it (empty: none). */
  record Made(String org, Allocation allocation) {
    String ownerOrg() {
      return org.isEmpty() ? null : org;
    }
  }

  private final ConfigStore store;
  private Map<String, Made> made;

  public MadeAllocations(ConfigStore store) {
    this.store = store;
  }

  synchronized List<Made> all() {
    return List.copyOf(loaded().values());
  }

  synchronized Optional<Made> find(String id) {
    return Optional.ofNullable(loaded().get(id));
  }

  /** Room for one more of {@code org}'s, or why not. */
  synchronized Optional<String> full(String org) {
    Map<String, Made> all = loaded();
    if (all.size() >= MAX_TOTAL) {
      return Optional.of("this node keeps " + MAX_TOTAL + " allocations already");
    }
    if (all.values().stream().filter(m -> m.org().equals(org)).count() >= MAX_PER_ORG) {
      return Optional.of("the organisation has " + MAX_PER_ORG + " allocations made through this node already;"
          + " release one first");
    }
    return Optional.empty();
  }

  synchronized void put(Made m) {
    Map<String, Made> next = new LinkedHashMap<>(loaded());
    next.put(m.allocation().getId(), m);
    write(next);
  }

  synchronized void remove(String id) {
    Map<String, Made> next = new LinkedHashMap<>(loaded());
    if (next.remove(id) != null) {
      write(next);
    }
  }

  private Map<String, Made> loaded() {
    if (made == null) {
      Map<String, Made> read = new LinkedHashMap<>();
      for (String line : store.get(KEY).orElse("").split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        int tab = line.indexOf('\t');
        try {
          Allocation a = Allocation.parseFrom(Base64.getDecoder().decode(line.substring(tab + 1)));
          read.put(a.getId(), new Made(URLDecoder.decode(line.substring(0, tab), StandardCharsets.UTF_8), a));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
          throw new IllegalStateException("the " + KEY + " setting is damaged: " + e.getMessage(), e);
        }
      }
      made = read;
    }
    return made;
  }

  private void write(Map<String, Made> next) {
    StringBuilder text = new StringBuilder();
    next.values().forEach(m -> text.append(URLEncoder.encode(m.org(), StandardCharsets.UTF_8)).append('\t')
        .append(Base64.getEncoder().encodeToString(m.allocation().toByteArray())).append('\n'));
    store.put(KEY, text.toString());
    made = next;
  }
}
