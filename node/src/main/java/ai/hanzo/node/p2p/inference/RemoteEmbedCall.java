package ai.hanzo.node.p2p.inference;

import java.util.List;

/**
 * An embeddings request as it travels to the node that serves the model: 1 to
 * {@link InferenceLimits#MAX_EMBED_INPUTS} texts, together at most {@link InferenceLimits#MAX_EMBED_CHARS}
 * characters. The caller fields mean what they mean in {@link RemoteCall}.
 */
public record RemoteEmbedCall(String model, List<String> inputs, String callerSubject, String callerOrg)
    implements RemoteRequest {
  public RemoteEmbedCall {
    inputs = List.copyOf(inputs);
  }

  /** The inputs' characters together: what {@link InferenceLimits#MAX_EMBED_CHARS} bounds. */
  public long characters() {
    long n = 0;
    for (String input : inputs) {
      n += input.length();
    }
    return n;
  }
}
