package ai.hanzo.libp2p.kad;

/**
 * Whether we serve {@code /ipfs/kad/1.0.0}. A client only asks; since it does not list the
 * protocol in Identify, other peers do not put it into their routing tables. Nodes that others can
 * reach should be servers.
 */
public enum DhtMode {
  SERVER, CLIENT
}
