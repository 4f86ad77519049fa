package ai.hanzo.libp2p.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MdnsConfigTest {
  @Test
  void defaultsFollowJsLibp2p() {
    MdnsConfig config = MdnsConfig.defaults();

    assertThat(config.enabled()).isTrue();
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.interfaces()).isEmpty();
    assertThat(config.serviceName()).isEqualTo("_p2p._udp.local");
    assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.peerName()).matches("[a-z0-9]{63}");
    assertThat(MdnsConfig.defaults().peerName()).isNotEqualTo(config.peerName());
  }

  @Test
  void rejectsSettingsThatCannotWork() {
    MdnsConfig config = MdnsConfig.defaults();
    assertThatThrownBy(() -> config.withInterval(Duration.ZERO)).hasMessageContaining("interval must be positive");
    assertThatThrownBy(() -> config.withPeerName("a".repeat(64))).hasMessageContaining("1 to 63 bytes");
    assertThatThrownBy(() -> config.withPeerName("a.b")).hasMessageContaining("without dots");
    assertThatThrownBy(() -> new MdnsConfig(true, Duration.ofSeconds(1), List.of(), "_p2p._udp.local", "p",
        Duration.ofSeconds(-1))).hasMessageContaining("TTL");
    assertThatThrownBy(() -> new MdnsConfig(true, Duration.ofSeconds(1), List.of(), "x".repeat(64) + ".local", "p",
        Duration.ofSeconds(1))).hasMessageContaining("has 64 bytes");
  }

  @Test
  void aDisabledDiscoveryOpensNothing() throws Exception {
    try (MdnsDiscovery discovery = new MdnsDiscovery(MdnsConfig.defaults().withEnabled(false),
        ai.hanzo.libp2p.peer.PeerId.parse(Vectors.JS_PEER_ID), List::of, (peer, addresses) -> { })) {
      discovery.start().get();
      assertThat(discovery.interfaces()).isEmpty();
    }
  }

  @Test
  void anUnknownInterfaceNameFailsStartWithTheNamesThereAre() {
    try (MdnsDiscovery discovery = new MdnsDiscovery(MdnsConfig.defaults().withInterfaces(List.of("nope0")),
        ai.hanzo.libp2p.peer.PeerId.parse(Vectors.JS_PEER_ID), List::of, (peer, addresses) -> { })) {
      assertThat(discovery.start()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
          .withMessageContaining("no network interface named 'nope0'; have [");
    }
  }
}
