package ai.hanzo.node.p2p.inference;

import ai.hanzo.node.p2p.protocol.ServedProtocol;

/**
 * {@code /hanzo/inference/1.0.0} on a node: serves it with {@code service} and lets the node forward generations
 * ({@link #client()}). A node that does not install it neither serves nor forwards.
 */
public final class InferenceProtocol extends ServedProtocol<InferenceClient> {
  public InferenceProtocol(InferenceCodec codec, InferenceService service) {
    super(host -> new InferenceServer(host, service, codec), host -> new InferenceClient(host, codec));
  }
}
