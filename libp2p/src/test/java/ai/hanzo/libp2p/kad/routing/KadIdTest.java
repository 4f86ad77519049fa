package ai.hanzo.libp2p.kad.routing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.testing.RandomCases;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KadIdTest {
  @Test
  void idIsSha256OfTheKey() throws Exception {
    byte[] key = "hello".getBytes();
    assertThat(KadId.ofKey(key).bytes())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(key));
  }

  @Test
  void distanceIsXorAndOrdersLikeUnsignedNumbers() {
    RandomCases.forAll(500, r -> {
      KadId a = KadId.ofHash(r.exactly(32));
      KadId b = KadId.ofHash(r.exactly(32));
      KadId c = KadId.ofHash(r.exactly(32));
      BigInteger ab = new BigInteger(1, a.distance(b));
      BigInteger ac = new BigInteger(1, a.distance(c));
      assertThat(ab).isEqualTo(new BigInteger(1, a.bytes()).xor(new BigInteger(1, b.bytes())));
      assertThat(Integer.signum(a.compareDistance(b, c))).isEqualTo(ab.compareTo(ac));
      assertThat(a.distance(b)).isEqualTo(b.distance(a));
      assertThat(a.commonPrefixLength(b)).isEqualTo(256 - ab.bitLength());
    });
  }

  @Test
  void commonPrefixLengthCountsLeadingEqualBits() {
    byte[] zero = new byte[32];
    byte[] one = new byte[32];
    one[1] = 0x10;
    assertThat(KadId.ofHash(zero).commonPrefixLength(KadId.ofHash(one))).isEqualTo(11);
    assertThat(KadId.ofHash(zero).commonPrefixLength(KadId.ofHash(zero))).isEqualTo(256);
    assertThat(KadId.ofHash(HexFormat.of().parseHex("80" + "00".repeat(31)))
        .commonPrefixLength(KadId.ofHash(zero))).isZero();
  }

  @Test
  void refreshKeysLandInTheAskedBucket() {
    RandomCases.forAll(20, r -> {
      KadId local = KadId.ofHash(r.exactly(32));
      int bucket = r.nextInt(RefreshTargets.MAX_BUCKET + 1);
      byte[] key = RefreshTargets.keyInBucket(local, bucket, r).orElseThrow();
      assertThat(local.commonPrefixLength(KadId.ofKey(key))).isEqualTo(bucket);
    });
  }
}
