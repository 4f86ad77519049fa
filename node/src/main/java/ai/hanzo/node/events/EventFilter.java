package ai.hanzo.node.events;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events a subscriber wants: of the types listed (none listed means all; an entry ending in {@code .*}
 * matches a whole family, {@code node.*} matches {@code node.offline}) and, when given, only those {@code visible}
 * accepts (e.g. the ones the subscribing caller may see).
 */
public record EventFilter(Set<String> types, Predicate<DomainEvent> visible) {
  public static final EventFilter ALL = new EventFilter(Set.of());

  public EventFilter {
    types = Set.copyOf(types);
    visible = visible == null ? e -> true : visible;
  }

  public EventFilter(Set<String> types) {
    this(types, null);
  }

  public static EventFilter of(List<String> types) {
    return new EventFilter(Set.copyOf(types));
  }

  /** This filter, keeping only the events {@code condition} accepts too. */
  public EventFilter and(Predicate<DomainEvent> condition) {
    return new EventFilter(types, visible.and(condition));
  }

  public boolean matches(DomainEvent event) {
    return matches(event.type()) && visible.test(event);
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
