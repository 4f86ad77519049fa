package ai.hanzo.node.app;

/**
 * The node cannot start on its data directory as it is: another node holds it, its database is damaged or not a
 * hanzo-node database, or its identity key is gone. Nothing was left open; the message is one line saying what to
 * do. A usage error (exit 2), since the operator has to act before the node can start.
 */
public final class DataDirUnusableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DataDirUnusableException(String message, Throwable cause) {
    super(message, cause);
  }
}
