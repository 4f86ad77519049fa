package ai.hanzo.node.qos;

/**
 * Bytes that are not a challenge or proof in the canonical encoding, or a field outside its limits; the message
 * names the field. Callers at the API map it to INVALID_ARGUMENT.
 */
public final class MalformedProofException extends IllegalArgumentException {
  public MalformedProofException(String message) {
    super(message);
  }
}
