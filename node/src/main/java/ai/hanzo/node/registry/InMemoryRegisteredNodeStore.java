package ai.hanzo.node.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Registrations in memory only: they are lost on restart (registered nodes then simply register again). */
public final class InMemoryRegisteredNodeStore implements RegisteredNodeStore {
  private final ConcurrentHashMap<String, RegisteredNode> nodes = new ConcurrentHashMap<>();

  @Override
  public Optional<RegisteredNode> get(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  @Override
  public void put(RegisteredNode node) {
    nodes.put(node.nodeId(), node);
  }

  @Override
  public Optional<RegisteredNode> update(String nodeId, UnaryOperator<RegisteredNode> change) {
    return Optional.ofNullable(nodes.computeIfPresent(nodeId, (id, node) -> change.apply(node)));
  }

  @Override
  public List<RegisteredNode> list() {
    return nodes.values().stream().sorted(Comparator.comparing(RegisteredNode::nodeId)).toList();
  }

  @Override
  public int size() {
    return nodes.size();
  }
}
