package ai.hanzo.node.events;

/** The event types this node publishes; clients filter on them, so they are part of the API. */
public final class EventTypes {
  public static final String NODE_REGISTERED = "node.registered";
  public static final String NODE_CONFIRMED = "node.confirmed";
  public static final String NODE_ONLINE = "node.online";
  public static final String NODE_OFFLINE = "node.offline";
  public static final String NODE_CAPABILITIES_UPDATED = "node.capabilities_updated";
  public static final String NODE_COMMAND_QUEUED = "node.command_queued";
  public static final String NODE_COMMAND_ACKED = "node.command_acked";

  public static final String PEER_CONNECTED = "peer.connected";
  public static final String PEER_DISCONNECTED = "peer.disconnected";
  public static final String PEER_IDENTIFIED = "peer.identified";

  /**
   * A deployment placed on another node was placed again elsewhere after its target went silent past the lease
   * timeout; attributes org, from_node, to_node, epoch (of the lease taken away), reason.
   */
  public static final String DEPLOYMENT_REPLACED = "deployment.replaced";
  /** Placing a deployment again failed; attributes org, from_node, epoch, reason, error. Retried. */
  public static final String DEPLOYMENT_REPLACE_FAILED = "deployment.replace_failed";
  /** An old target confirmed it stopped the copy of a lease taken away; attributes org, from_node, epoch, reason. */
  public static final String DEPLOYMENT_LEASE_RELEASED = "deployment.lease_released";

  /** The chain replaced blocks the node had seen; attributes depth, ancestor, previous_head, new_head. */
  public static final String CHAIN_REORG = "chain.reorg";

  private EventTypes() {}
}
