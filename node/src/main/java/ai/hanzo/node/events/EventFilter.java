package ai.hanzo.node.events;

import java.util.List;
import java.util.Set;

/**
 * Which event types a subscriber wants: none listed means all; an entry ending in {@code .*} matches a whole
 * family ({@code node.*} matches {@code node.offline}).
 */
public record EventFilter(Set<String> types) {
  public static final EventFilter ALL = new EventFilter(Set.of());

  public EventFilter {
    types = Set.copyOf(types);
  }

  public static EventFilter of(List<String> types) {
    return new EventFilter(Set.copyOf(types));
  }

  public boolean matches(String type) {
    if (types.isEmpty() || types.contains(type)) {
      return true;
    }
    for (String t : types) {
      if (t.endsWith(".*") && type.startsWith(t.substring(0, t.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
