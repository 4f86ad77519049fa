package ai.hanzo.node.p2p.placement;

/**
 * What a placing node asks of the target on {@code /hanzo/deploy-logs/1.0.0}: the logs of a deployment it placed
 * there. {@code request} is a serialized {@code hanzo.node.v1.GetLogsRequest}; the caller's subject and org are who
 * asked the placing node, audited and the org scope on the target, never what authorizes (the sending peer is).
 */
public record LogsCall(byte[] request, String callerSubject, String callerOrg) {
  public LogsCall {
    request = request.clone();
  }

  @Override
  public byte[] request() {
    return request.clone();
  }
}
