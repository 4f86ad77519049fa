package ai.hanzo.libp2p.kad.routing;

import ai.hanzo.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Up to k peers, least recently seen first, plus up to k replacement candidates that wait for a
 * slot (newest last). Not thread-safe: {@link RoutingTable} guards it.
 */
final class KBucket {
  private final int capacity;
  private final LinkedHashSet<PeerId> members = new LinkedHashSet<>();
  private final LinkedHashSet<PeerId> replacements = new LinkedHashSet<>();

  KBucket(int capacity) {
    this.capacity = capacity;
  }

  boolean contains(PeerId peer) {
    return members.contains(peer);
  }

  boolean isFull() {
    return members.size() >= capacity;
  }

  /** Moves a member to the most-recently-seen end; false when it is no member. */
  boolean touch(PeerId peer) {
    if (!members.remove(peer)) {
      return false;
    }
    members.add(peer);
    return true;
  }

  void add(PeerId peer) {
    replacements.remove(peer);
    members.add(peer);
  }

  void addReplacement(PeerId peer) {
    replacements.remove(peer);
    replacements.add(peer);
    if (replacements.size() > capacity) {
      replacements.remove(replacements.iterator().next());
    }
  }

  Optional<PeerId> leastRecentlySeen() {
    return members.isEmpty() ? Optional.empty() : Optional.of(members.iterator().next());
  }

  /** Removes {@code peer}; when it was a member, the newest candidate takes its slot. */
  Optional<PeerId> remove(PeerId peer) {
    replacements.remove(peer);
    if (!members.remove(peer) || replacements.isEmpty()) {
      return Optional.empty();
    }
    PeerId promoted = List.copyOf(replacements).get(replacements.size() - 1);
    replacements.remove(promoted);
    members.add(promoted);
    return Optional.of(promoted);
  }

  List<PeerId> members() {
    return new ArrayList<>(members);
  }

  List<PeerId> replacements() {
    return new ArrayList<>(replacements);
  }

  int size() {
    return members.size();
  }
}
