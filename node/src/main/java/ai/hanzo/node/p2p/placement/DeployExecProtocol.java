package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.p2p.protocol.ServedProtocol;

/**
 * {@code /hanzo/deploy-exec/1.0.0} on a node: serves it with {@code service} and lets the node run commands in the
 * containers of deployments it placed on others ({@link #client()}).
 */
public final class DeployExecProtocol extends ServedProtocol<DeployExecClient> {
  public DeployExecProtocol(ExecCodec codec, ExecService service) {
    super(host -> new DeployExecServer(host, service, codec, DeployLimits.EXEC_STALL),
        host -> new DeployExecClient(host, codec));
  }
}
