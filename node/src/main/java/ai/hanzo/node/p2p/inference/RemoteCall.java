package ai.hanzo.node.p2p.inference;

import java.util.List;

/**
 * A generation request as it travels to the node that serves the model.
 *
 * @param prompt the text to continue; for a chat, its messages' plain transcript (what a model without a chat
 *     template continues)
 * @param messages a chat's messages, for the serving model's own chat template; empty for a completion
 * @param callerSubject who asked the forwarding node (empty when its IAM is off); audited by the target, never
 *     used to authorize (the target authorizes the sending peer)
 * @param callerOrg the organisation that caller acts for, or empty
 */
public record RemoteCall(String model, String prompt, int maxTokens, double temperature, double topP,
    List<String> stop, long seed, boolean stream, String callerSubject, String callerOrg, List<Turn> messages)
    implements RemoteRequest {
  public RemoteCall {
    stop = List.copyOf(stop);
    messages = List.copyOf(messages);
  }

  /** A completion: no messages. */
  public RemoteCall(String model, String prompt, int maxTokens, double temperature, double topP, List<String> stop,
      long seed, boolean stream, String callerSubject, String callerOrg) {
    this(model, prompt, maxTokens, temperature, topP, stop, seed, stream, callerSubject, callerOrg, List.of());
  }

  /** One message of a chat: who says it ({@code system}, {@code user}, {@code assistant}...) and what. */
  public record Turn(String role, String content) {
  }
}
