package ai.hanzo.node.app;

/**
 * The data directory lost its {@code identity.key} although a node already ran on it: starting would silently give
 * the node a new PeerId, so the operator has to restore the key or ask for a new identity. A usage error (exit 2).
 */
public final class MissingIdentityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingIdentityException(String message) {
    super(message);
  }
}
