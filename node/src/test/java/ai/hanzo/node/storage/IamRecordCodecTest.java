package ai.hanzo.node.storage;

import static ai.hanzo.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Round trips and damaged input for the IAM record codecs, over seeded random cases. */
class IamRecordCodecTest {
  private final ApiKeyRecordCodec keys = new ApiKeyRecordCodec();
  private final RoleRecordCodec roles = new RoleRecordCodec();
  private final RoleBindingRecordCodec bindings = new RoleBindingRecordCodec();

  @Test
  void apiKeysRoundTripWithoutTheHashInTheirText() {
    forAll(500, g -> {
      byte[] hash = new byte[32];
      g.nextBytes(hash);
      ApiKeyRecord record = new ApiKeyRecord(g.key(), g.text(), g.key(), g.orNull(g.text()), hash, g.instant(),
          g.orNull(g.instant()), g.list(), g.orNull(g.nextInt()), g.nextBoolean());
      assertThat(keys.decode(keys.encode(record))).isEqualTo(record);
      assertThat(record.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(hash));
    });
  }

  @Test
  void rolesAndBindingsRoundTrip() {
    forAll(500, g -> {
      RoleRecord role = new RoleRecord(g.key(), g.list(), g.list());
      RoleBindingRecord binding = new RoleBindingRecord(g.key(), g.list());
      assertThat(roles.decode(roles.encode(role))).isEqualTo(role);
      assertThat(bindings.decode(bindings.encode(binding))).isEqualTo(binding);
    });
  }

  @Test
  void damagedApiKeysDecodeToARecordOrACleanError() {
    forAll(2000, g -> {
      byte[] hash = new byte[32];
      g.nextBytes(hash);
      byte[] valid = keys.encode(new ApiKeyRecord("k1", "ci", "operator", "acme", hash, SampleRecords.CREATED, null,
          java.util.List.of("10.0.0.0/8"), 60, true));
      int at = g.nextInt(valid.length);
      byte[] damaged;
      if (g.nextBoolean()) {
        damaged = Arrays.copyOf(valid, at);
      } else {
        damaged = valid.clone();
        damaged[at] = (byte) g.nextInt();
      }
      RecordCodecPropertyTest.decodesOrFailsCleanly(keys::decode, damaged);
      RecordCodecPropertyTest.decodesOrFailsCleanly(roles::decode, damaged);
    });
  }
}
