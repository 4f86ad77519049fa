package ai.hanzo.libp2p.kad.wire;

/** What the sender of a peer entry knows about its own connection to that peer. */
public enum ConnectionType {
  NOT_CONNECTED, CONNECTED, CAN_CONNECT, CANNOT_CONNECT
}
