package ai.hanzo.node.p2p.placement;

import ai.hanzo.node.p2p.protocol.ServedProtocol;

/**
 * {@code /hanzo/deploy/1.0.0} on a node: serves it with {@code service} and lets the node place deployments on
 * others ({@link #client()}).
 */
public final class DeployProtocol extends ServedProtocol<DeployClient> {
  public DeployProtocol(DeployCodec codec, DeployService service) {
    super(host -> new DeployServer(host, service, codec), host -> new DeployClient(host, codec));
  }
}
