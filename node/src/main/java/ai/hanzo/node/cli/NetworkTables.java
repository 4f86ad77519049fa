package ai.hanzo.node.cli;

import static ai.hanzo.node.cli.Tables.labelled;

import ai.hanzo.node.client.CommandSent;
import ai.hanzo.node.client.Network;
import ai.hanzo.node.client.Peer;
import ai.hanzo.node.client.Provider;
import java.time.Instant;
import java.util.List;

/** The table form of a node's answers about the libp2p network. */
final class NetworkTables {
  private NetworkTables() {}

  static String peers(List<Peer> peers) {
    String row = "%-54s %-9s %-9s %9s %-21s %-16s %-9s %-24s %-6s %-26s %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "PEER", "STATE", "DIRECTION", "RTT", "LAST SEEN",
        "NODE", "NODE STATE", "CAPABILITIES", "STAKED", "STAKE (WEI)", "ADDRESS"));
    for (Peer p : peers) {
      boolean announced = p.lastHeartbeat() != 0;
      sb.append(String.format(row, p.peerId(), p.connected() ? "connected" : "known", Tables.orDash(p.direction()),
          p.rttMs() == 0 ? "-" : String.format("%.1f ms", p.rttMs()), Instant.ofEpochSecond(p.lastSeen()),
          announced ? p.nodeId() : "-", announced ? Tables.enumWord(p.state(), "NODE_STATE_") : "-",
          announced ? capabilities(p.capabilities()) : "-", p.stakeWei().isEmpty() ? "-" : p.staked() ? "yes" : "no",
          p.stakeWei().isEmpty() ? "-" : p.stakeWei() + (p.stakeStale() ? " (stale)" : ""),
          p.addresses().isEmpty() ? "-" : p.addresses().get(0)));
    }
    return sb.toString();
  }

  /** {@code 8 cpu, 16 GiB, H100, process/runc}; a heartbeat without capabilities reads as nothing announced. */
  private static String capabilities(Peer.Capabilities c) {
    if (c == null) {
      c = new Peer.Capabilities(0, 0, 0, List.of(), false, List.of(), "", "");
    }
    StringBuilder sb = new StringBuilder(c.cpuCores() + " cpu, " + (c.memoryBytes() >> 30) + " GiB");
    c.gpus().forEach(g -> sb.append(", ").append(g.model()));
    if (!c.supportedRuntimes().isEmpty()) {
      sb.append(", ").append(String.join("/", c.supportedRuntimes()));
    }
    return sb.toString();
  }

  static String sent(CommandSent r) {
    return "command " + r.commandId() + " published to " + r.peers() + " peers, valid until "
        + Instant.ofEpochMilli(r.expiresAtMs()) + "\n";
  }

  static String providers(List<Provider> providers) {
    StringBuilder sb = new StringBuilder(String.format("%-54s %-16s %s%n", "PEER", "NODE", "ADDRESSES"));
    for (Provider p : providers) {
      sb.append(String.format("%-54s %-16s %s%n", p.peerId(), Tables.orDash(p.nodeId()),
          p.addresses().isEmpty() ? "-" : String.join(", ", p.addresses())));
    }
    return sb.toString();
  }

  static String network(Network n) {
    return labelled(new String[][] {
      {"PEER ID", n.peerId()},
      {"NETWORK", n.networkId()},
      {"LISTEN", String.join(", ", n.listenAddresses())},
      {"PEERS", n.connectedPeers() + " connected, " + n.knownPeers() + " known, at most " + n.maxPeers()},
      {"MDNS", n.mdns() ? "on" : "off"},
      {"DHT", n.dhtMode() + ", " + n.routingTableSize() + " peers in the routing table"},
      {"TOPICS", String.join(", ", n.topics().stream()
          .map(t -> t.topic() + " (mesh " + t.meshPeers() + ", subscribed " + t.topicPeers() + ")")
          .toList())},
      {"AGENT", n.agentVersion()},
    });
  }
}
