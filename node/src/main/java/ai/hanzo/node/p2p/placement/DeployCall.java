package ai.hanzo.node.p2p.placement;

/**
 * What a placing node asks of the target on {@code /hanzo/deploy/1.0.0}. The caller's subject and org are who asked
 * the placing node: audited by the target, and the org owns the deployment there; they never authorize (the target
 * authorizes the sending peer).
 */
public sealed interface DeployCall {
  String callerSubject();

  String callerOrg();

  /** Run this deployment here. {@code request} is a serialized {@code hanzo.node.v1.DeployRequest}. */
  record Deploy(byte[] request, String callerSubject, String callerOrg) implements DeployCall {
    public Deploy {
      request = request.clone();
    }

    @Override
    public byte[] request() {
      return request.clone();
    }
  }

  /** The status of a deployment the sending peer placed here. */
  record Status(String deploymentId, String callerSubject, String callerOrg) implements DeployCall {}
}
