package ai.hanzo.libp2p.kad.wire;

/** The request kinds of {@code /ipfs/kad/1.0.0}, numbered as on the wire. */
public enum MessageType {
  PUT_VALUE, GET_VALUE, ADD_PROVIDER, GET_PROVIDERS, FIND_NODE, PING
}
