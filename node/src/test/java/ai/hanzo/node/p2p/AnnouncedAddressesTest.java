package ai.hanzo.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.multiformats.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnouncedAddressesTest {
  private static List<Multiaddr> of(String... texts) {
    return java.util.Arrays.stream(texts).map(Multiaddr::parse).toList();
  }

  @Test
  void wildcardsAreNeverAnnouncedAndLoopbackOnlyWhenThereIsNothingElse() {
    assertThat(AnnouncedAddresses.of(of("/ip4/0.0.0.0/tcp/4001", "/ip4/127.0.0.1/tcp/4001", "/ip4/10.1.2.3/tcp/4001",
        "/ip6/::1/tcp/4001", "/ip6/fd00::5/tcp/4001"))).containsExactly("/ip4/10.1.2.3/tcp/4001",
        "/ip6/fd00::5/tcp/4001");
    assertThat(AnnouncedAddresses.of(of("/ip4/127.0.0.1/tcp/4001", "/ip4/0.0.0.0/tcp/4001")))
        .as("nodes on one machine (tests) dial each other on loopback").containsExactly("/ip4/127.0.0.1/tcp/4001");
    assertThat(AnnouncedAddresses.of(of("/ip4/0.0.0.0/tcp/4001"))).isEmpty();
  }

  @Test
  void atMostEightDistinctAddresses() {
    List<Multiaddr> many = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      many.add(Multiaddr.parse("/ip4/10.0.0." + i + "/tcp/4001"));
      many.add(Multiaddr.parse("/ip4/10.0.0." + i + "/tcp/4001"));
    }
    assertThat(AnnouncedAddresses.of(many)).hasSize(8).doesNotHaveDuplicates().startsWith("/ip4/10.0.0.1/tcp/4001");
  }
}
