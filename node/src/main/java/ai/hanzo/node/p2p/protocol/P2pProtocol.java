package ai.hanzo.node.p2p.protocol;

/**
 * One protocol a node serves and calls (its server, its client and whatever runs beside them), installed in the
 * node's {@link ProtocolRegistry} before the node starts, started once the host listens and closed before the host
 * shuts down.
 */
public interface P2pProtocol extends AutoCloseable {
  /** Registers the protocol on {@code context.host()} and creates its client. */
  void start(ProtocolContext context) throws Exception;

  /** Unregisters the protocol and stops its work; called once, after a {@link #start} that returned. */
  @Override
  void close();
}
