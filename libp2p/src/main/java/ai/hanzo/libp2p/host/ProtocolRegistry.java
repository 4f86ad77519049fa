package ai.hanzo.libp2p.host;

import ai.hanzo.libp2p.mux.StreamHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/** The protocols a host serves: each id with a factory of one handler per inbound stream. */
public final class ProtocolRegistry {
  private final Map<String, Supplier<StreamHandler>> handlers = new ConcurrentSkipListMap<>();

  /** True when {@code id} was not registered before. */
  public boolean add(String id, Supplier<StreamHandler> factory) {
    if (id.isEmpty() || !id.startsWith("/")) {
      throw new IllegalArgumentException("a protocol id starts with '/': '" + id + "'");
    }
    return handlers.put(id, factory) == null;
  }

  public boolean remove(String id) {
    return handlers.remove(id) != null;
  }

  /** A new handler for {@code id}, if served. */
  public Optional<StreamHandler> handlerFor(String id) {
    return Optional.ofNullable(handlers.get(id)).map(Supplier::get);
  }

  /** The served ids, sorted. */
  public List<String> ids() {
    return List.copyOf(handlers.keySet());
  }
}
