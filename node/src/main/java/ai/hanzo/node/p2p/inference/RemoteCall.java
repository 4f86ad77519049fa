package ai.hanzo.node.p2p.inference;

import java.util.List;

/**
 * A generation request as it travels to the node that serves the model.
 *
 * @param callerSubject who asked the forwarding node (empty when its IAM is off); audited by the target, never
 *     used to authorize (the target authorizes the sending peer)
 * @param callerOrg the organisation that caller acts for, or empty
 */
public record RemoteCall(String model, String prompt, int maxTokens, double temperature, double topP,
    List<String> stop, long seed, boolean stream, String callerSubject, String callerOrg) {
  public RemoteCall {
    stop = List.copyOf(stop);
  }
}
