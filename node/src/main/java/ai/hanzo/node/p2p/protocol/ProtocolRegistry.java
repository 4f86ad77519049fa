package ai.hanzo.node.p2p.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocols a node serves, so the node starts and stops them without knowing any: installed before the node
 * starts, started in the order installed, closed in the reverse order. Callers find a protocol (and its client) by
 * type; one that was not installed, or has not started yet, is absent.
 */
public final class ProtocolRegistry {
  private static final Logger log = LoggerFactory.getLogger(ProtocolRegistry.class);

  private final List<P2pProtocol> installed = new CopyOnWriteArrayList<>();
  private final List<P2pProtocol> started = new CopyOnWriteArrayList<>();

  /** Adds {@code protocol}; call before the node starts. */
  public <T extends P2pProtocol> T install(T protocol) {
    if (!started.isEmpty()) {
      throw new IllegalStateException("protocols are installed before the node starts");
    }
    installed.add(protocol);
    return protocol;
  }

  /** Starts every installed protocol in order; a failure stops the start (the node then does not run). */
  public void startAll(ProtocolContext context) throws Exception {
    for (P2pProtocol p : installed) {
      p.start(context);
      started.add(p);
    }
  }

  /** Closes the started protocols, last started first; one that fails to close does not keep the others open. */
  public void closeAll() {
    List<P2pProtocol> closing = new ArrayList<>(started);
    started.clear();
    for (int i = closing.size() - 1; i >= 0; i--) {
      try {
        closing.get(i).close();
      } catch (RuntimeException e) {
        log.warn("Closing protocol {} failed: {}", closing.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** The started protocol of {@code type}; empty when none was installed or the node has not started it yet. */
  public <T extends P2pProtocol> Optional<T> find(Class<T> type) {
    return started.stream().filter(type::isInstance).map(type::cast).findFirst();
  }
}
