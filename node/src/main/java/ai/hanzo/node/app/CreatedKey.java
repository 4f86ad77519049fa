package ai.hanzo.node.app;

/** A key just created: {@code secret} is shown to the operator once and exists nowhere else. */
public record CreatedKey(KeySummary key, String secret) {
  /** Never prints the secret. */
  @Override
  public String toString() {
    return "CreatedKey[" + key + ", secret=***]";
  }
}
