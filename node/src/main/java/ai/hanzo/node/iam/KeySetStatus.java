package ai.hanzo.node.iam;

/**
 * Whether the JWKS could be fetched; the composition root turns it into a health check.
 *
 * @param problem what went wrong the last time, or {@code null} when healthy or not needed
 */
public record KeySetStatus(boolean healthy, String problem) {
  public static final KeySetStatus NOT_NEEDED = new KeySetStatus(true, null);
}
