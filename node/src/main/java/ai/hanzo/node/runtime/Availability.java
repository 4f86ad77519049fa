package ai.hanzo.node.runtime;

/** Whether a runtime can be used on this host; {@code reason} says why not (or what was found). */
public record Availability(boolean available, String reason) {
  public static Availability yes(String detail) {
    return new Availability(true, detail);
  }

  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
