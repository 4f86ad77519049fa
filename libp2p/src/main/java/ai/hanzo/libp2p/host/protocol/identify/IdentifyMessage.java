package ai.hanzo.libp2p.host.protocol.identify;

import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One peer's Identify record. Fields a message left out are empty strings, empty lists or null.
 *
 * @param publicKey null when absent
 * @param observedAddr how the sender sees us; null when absent
 */
public record IdentifyMessage(
    String protocolVersion, String agentVersion, PublicKey publicKey, List<Multiaddr> listenAddrs,
    Multiaddr observedAddr, List<String> protocols) {
  public IdentifyMessage {
    listenAddrs = List.copyOf(listenAddrs);
    protocols = List.copyOf(protocols);
  }

  public Optional<PublicKey> key() {
    return Optional.ofNullable(publicKey);
  }

  public Optional<Multiaddr> observed() {
    return Optional.ofNullable(observedAddr);
  }

  /** {@code later} on top of this: its present fields win, its lists are added. */
  public IdentifyMessage merge(IdentifyMessage later) {
    List<Multiaddr> addrs = new ArrayList<>(listenAddrs);
    later.listenAddrs.stream().filter(a -> !addrs.contains(a)).forEach(addrs::add);
    List<String> protos = new ArrayList<>(protocols);
    later.protocols.stream().filter(p -> !protos.contains(p)).forEach(protos::add);
    return new IdentifyMessage(
        later.protocolVersion.isEmpty() ? protocolVersion : later.protocolVersion,
        later.agentVersion.isEmpty() ? agentVersion : later.agentVersion,
        later.publicKey == null ? publicKey : later.publicKey,
        addrs,
        later.observedAddr == null ? observedAddr : later.observedAddr,
        protos);
  }
}
