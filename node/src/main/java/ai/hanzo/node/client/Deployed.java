package ai.hanzo.node.client;

import java.util.List;

/**
 * What a node answers a Deploy: the deployment's id and where its services listen.
 *
 * @param nodeId the node it was deployed on; empty from a node that does not say
 */
public record Deployed(boolean success, String deploymentId, String message, List<String> endpoints,
    String nodeId) {
  public Deployed(boolean success, String deploymentId, String message, List<String> endpoints) {
    this(success, deploymentId, message, endpoints, "");
  }
}
