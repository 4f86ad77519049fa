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

  /** The chain replaced blocks the node had seen; attributes depth, ancestor, previous_head, new_head. */
  public static final String CHAIN_REORG = "chain.reorg";

  private EventTypes() {}
}
