package ai.hanzo.node.p2p.inference;

/**
 * What one stream of {@code /hanzo/inference/1.0.0} asks the target for: a generation ({@link RemoteCall}) or
 * embeddings ({@link RemoteEmbedCall}). Both name the model and the original caller, which the target audits and
 * records usage for.
 */
public sealed interface RemoteRequest permits RemoteCall, RemoteEmbedCall {
  String model();

  String callerSubject();

  String callerOrg();
}
