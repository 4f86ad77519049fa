package ai.hanzo.node.p2p.inference;

import ai.hanzo.node.error.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * One message of the target's answer: accepted (or failure), tokens when streaming, then done (or failure); for
 * an embeddings call, accepted (or failure), then embedded (or failure).
 */
public sealed interface RemoteReply {
  /** The target queued the generation; {@code nodeId} is the node that serves it. */
  record Accepted(String nodeId) implements RemoteReply {}

  /** A piece of generated text, never empty. */
  record Token(String text) implements RemoteReply {}

  /**
   * The generation ended.
   *
   * @param finishReason {@code stop}, {@code length} or {@code cancelled}
   */
  record Done(String text, String finishReason, int promptTokens, int completionTokens) implements RemoteReply {}

  /**
   * The answer to a {@link RemoteEmbedCall}: one vector per input, in input order, all of one dimension. Arrays
   * compare by identity, so compare the vectors themselves.
   */
  record Embedded(List<float[]> vectors, int promptTokens) implements RemoteReply {
    public Embedded {
      vectors = List.copyOf(vectors);
    }
  }

  /** A refusal before {@link Accepted}, or a failure after it, with the node's error code. */
  record Failure(ErrorCode code, String message, Map<String, String> details) implements RemoteReply {
    public Failure {
      details = Map.copyOf(details);
    }
  }
}
