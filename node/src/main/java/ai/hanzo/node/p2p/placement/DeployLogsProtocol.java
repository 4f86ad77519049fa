package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.p2p.protocol.ServedProtocol;

/**
 * {@code /hanzo/deploy-logs/1.0.0} on a node: serves it with {@code service} and lets the node stream the logs of
 * deployments it placed on others ({@link #client()}).
 */
public final class DeployLogsProtocol extends ServedProtocol<DeployLogsClient> {
  public DeployLogsProtocol(LogsCodec codec, LogsService service) {
    super(host -> new DeployLogsServer(host, service, codec, DeployLimits.LOGS_STALL),
        host -> new DeployLogsClient(host, codec));
  }
}
