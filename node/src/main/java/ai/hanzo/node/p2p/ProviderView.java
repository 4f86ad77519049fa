package ai.hanzo.node.p2p;

import java.util.List;

/** A node that provides a capability, with its node id when its heartbeat was heard (else empty). */
public record ProviderView(String peerId, List<String> addresses, String nodeId) {
  public ProviderView {
    addresses = List.copyOf(addresses);
  }
}
