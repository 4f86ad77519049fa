package ai.hanzo.node.p2p.placement;

/**
 * What the target of {@code /hanzo/deploy/1.0.0} does with a call: authorizes the sending peer, audits the call with
 * the original caller, and deploys here (never placing further, so deployments cannot loop) or answers a status.
 * Implemented by the composition root.
 */
public interface DeployService {
  /**
   * Blocking (RocksDB, the compute engine): called on the server's own executor. Refusals are answered as
   * {@link DeployAnswer.Refused}, never thrown.
   *
   * @param peerId the sending peer, as the Noise handshake authenticated it
   */
  DeployAnswer handle(String peerId, DeployCall call);
}
