package ai.hanzo.node.iam;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A permission {@code resource:action[:condition]}; any part may be {@code *}. A granted
 * permission without a condition covers every condition of the same resource and action.
 */
public record Permission(String resource, String action, String condition) {
  private static final Pattern PART = Pattern.compile("\\*|[a-z][a-z0-9_.-]{0,63}");
  public static final Permission ALL = new Permission("*", "*", null);

  public Permission {
    requirePart(resource, "resource");
    requirePart(action, "action");
    if (condition != null) {
      requirePart(condition, "condition");
    }
  }

  /** Parses {@code resource:action[:condition]}; throws IllegalArgumentException saying what was wrong. */
  public static Permission parse(String text) {
    Objects.requireNonNull(text, "permission");
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "permission '" + text + "' is not of the form resource:action[:condition]");
    }
    return new Permission(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  public static Permission of(String resource, String action) {
    return new Permission(resource, action, null);
  }

  /** Whether holding this permission allows {@code required}. */
  public boolean implies(Permission required) {
    return matches(resource, required.resource)
        && matches(action, required.action)
        && (condition == null || matches(condition, required.condition));
  }

  /** Read actions change nothing; everything else is audited as a mutation. */
  public boolean isMutating() {
    return !"read".equals(action);
  }

  @Override
  public String toString() {
    return resource + ":" + action + (condition == null ? "" : ":" + condition);
  }

  private static boolean matches(String granted, String required) {
    return "*".equals(granted) || granted.equals(required);
  }

  private static void requirePart(String part, String what) {
    if (part == null || !PART.matcher(part).matches()) {
      throw new IllegalArgumentException(
          "permission " + what + " '" + part + "' must be '*' or lower-case letters, digits, '_', '.', '-'");
    }
  }
}
