package ai.hanzo.node.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void prefixesMatchByBits() {
    Cidr net = Cidr.parse("192.168.4.0/22");
    assertThat(net.contains(IamFixture.address("192.168.7.255"))).isTrue();
    assertThat(net.contains(IamFixture.address("192.168.8.0"))).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains(IamFixture.address("8.8.8.8"))).isTrue();
    assertThat(Cidr.parse("10.1.2.3").contains(IamFixture.address("10.1.2.4"))).isFalse();
    assertThat(Cidr.parse("fd00::/8").contains(IamFixture.address("fd12::1"))).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains(IamFixture.address("10.0.0.1"))).isFalse();
  }

  @Test
  void aNetworkContainsExactlyTheAddressesSharingItsPrefix() {
    long seed = 20261126L;
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      int base = random.nextInt();
      int prefix = random.nextInt(33);
      int other = random.nextInt();
      int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
      Cidr cidr = Cidr.parse(ipv4(base) + "/" + prefix);
      assertThat(cidr.contains(IamFixture.address(ipv4(other))))
          .as("seed %d case %d: %s/%d contains %s", seed, i, ipv4(base), prefix, ipv4(other))
          .isEqualTo((base & mask) == (other & mask));
    }
  }

  private static String ipv4(int bits) {
    return (bits >>> 24) + "." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (bits & 0xff);
  }
}
