package ai.hanzo.node.p2p.placement;

/**
 * What the target of {@code /hanzo/deploy-logs/1.0.0} does with a call: authorizes the sending peer, audits the call
 * with the original caller, and streams the deployment's logs into the sink. Implemented by the composition root.
 */
public interface LogsService {
  /**
   * Blocking (authorization, RocksDB): called on the server's own executor. A refusal goes to
   * {@link LogsSink#fail}, never thrown.
   *
   * @param peerId the sending peer, as the Noise handshake authenticated it
   * @return closes the producer: the stream ended or the placing node went away (idempotent)
   */
  AutoCloseable open(String peerId, LogsCall call, LogsSink sink);
}
