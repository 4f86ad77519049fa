package ai.hanzo.node.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the registry keeps its nodes: {@link RocksRegisteredNodeStore} in the node, so registrations survive
 * restarts; {@link InMemoryRegisteredNodeStore} in tests.
 */
public interface RegisteredNodeStore {
  Optional<RegisteredNode> get(String nodeId);

  /** Inserts or replaces. */
  void put(RegisteredNode node);

  /**
   * Atomically replaces the node with {@code change} applied, returning the new record; empty when the node is
   * unknown. {@code change} may throw to abort without writing.
   */
  Optional<RegisteredNode> update(String nodeId, UnaryOperator<RegisteredNode> change);

  List<RegisteredNode> list();

  int size();
}
