package ai.hanzo.libp2p.transport;

/** Which side opened a connection. */
public enum Direction {
  /** We dialed it. */
  OUTBOUND,
  /** The remote dialed us. */
  INBOUND
}
