package ai.hanzo.node.api.endpoint;

/** An open server stream: the transport calls these when the client can take more or goes away. */
public interface StreamHandle {
  /** The transport has room again. */
  void onReady();

  /** The client cancelled or disconnected: release everything; idempotent. */
  void cancel();
}
