package ai.hanzo.node.client;

import java.util.List;

/**
 * A node's state, load and deployments (GetStatus).
 *
 * @param state the API's name of the state: {@code NODE_STATE_READY}, ...
 * @param metrics {@code null} when the node sent none
 */
public record NodeStatus(String state, long uptimeSeconds, Metrics metrics, List<Deployment> deployments) {}
