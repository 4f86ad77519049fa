package ai.hanzo.node.storage;

import static ai.hanzo.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Round trips and malformed input for every record codec, over seeded random cases. */
class RecordCodecPropertyTest {
  private static final int CASES = 500;

  private final DeploymentRecordCodec deployments = new DeploymentRecordCodec();
  private final PeerRecordCodec peers = new PeerRecordCodec();
  private final StoredEventCodec events = new StoredEventCodec();
  private final AuditEntryCodec audits = new AuditEntryCodec();
  private final RegisteredNodeRecordCodec registeredNodes = new RegisteredNodeRecordCodec();

  @Test
  void deploymentsRoundTrip() {
    forAll(CASES, g -> {
      DeploymentRecord record = new DeploymentRecord(g.key(), g.text(), g.text(), g.map(), g.map(), g.text(),
          g.anyLong(), g.instant(), g.instant());
      assertThat(deployments.decode(deployments.encode(record))).isEqualTo(record);
    });
  }

  @Test
  void peersRoundTrip() {
    forAll(CASES, g -> {
      PeerRecord record = new PeerRecord(g.key(), g.list(), g.list(), g.orNull(g.text()), g.instant());
      assertThat(peers.decode(peers.encode(record))).isEqualTo(record);
    });
  }

  @Test
  void registeredNodesRoundTrip() {
    forAll(CASES, g -> {
      RegisteredNodeRecord record = SampleRecords.registeredNode(g);
      assertThat(registeredNodes.decode(registeredNodes.encode(record))).isEqualTo(record);
    });
  }

  @Test
  void damagedRegisteredNodesDecodeToARecordOrACleanError() {
    forAll(2000, g -> {
      byte[] valid = registeredNodes.encode(SampleRecords.registeredNode(g));
      int at = g.nextInt(valid.length);
      byte[] damaged = valid.clone();
      damaged[at] = (byte) g.nextInt();
      decodesOrFailsCleanly(registeredNodes::decode, g.nextBoolean() ? Arrays.copyOf(valid, at) : damaged);
    });
  }

  @Test
  void eventsAndAuditEntriesRoundTrip() {
    forAll(CASES, g -> {
      String a = g.text();
      String b = g.text();
      StoredEvent event = new StoredEvent(g.instant(), a, b, a + b, b + a, g.map());
      AuditEntry entry = new AuditEntry(g.instant(), a, b, a + b, b + a, g.orNull(g.text()), g.map());
      assertThat(events.decode(events.encode(event))).isEqualTo(event);
      assertThat(audits.decode(audits.encode(entry))).isEqualTo(entry);
    });
  }

  @Test
  void arbitraryBytesDecodeToARecordOrACleanError() {
    forAll(2000, g -> {
      byte[] bytes = g.bytes(64);
      if (g.nextBoolean() && bytes.length > 0) {
        bytes[0] = 1; // a known schema version, so decoding gets past the first byte
      }
      for (RecordCodec<?> codec : List.of(deployments, peers, events, audits, registeredNodes)) {
        decodesOrFailsCleanly(codec::decode, bytes);
      }
      decodesOrFailsCleanly(MetricValueCodec::decode, bytes);
    });
  }

  @Test
  void damagedEncodingsDecodeToARecordOrACleanError() {
    forAll(2000, g -> {
      byte[] valid = deployments.encode(SampleRecords.deployment(g.key()));
      int at = g.nextInt(valid.length);
      byte[] damaged;
      if (g.nextBoolean()) {
        damaged = Arrays.copyOf(valid, at);
      } else {
        damaged = valid.clone();
        damaged[at] = (byte) g.nextInt();
      }
      decodesOrFailsCleanly(deployments::decode, damaged);
    });
  }

  @Test
  void unpairedSurrogatesAreRefusedInsteadOfSilentlyReplaced() {
    forAll(100, g -> {
      DeploymentRecord sample = SampleRecords.deployment("x");
      DeploymentRecord record = new DeploymentRecord("x", g.text() + "\uD800", sample.specJson(), Map.of(),
          Map.of(), sample.desiredState(), 0, sample.createdAt(), sample.updatedAt());
      assertThatThrownBy(() -> deployments.encode(record))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("surrogate");
    });
  }

  static void decodesOrFailsCleanly(Function<byte[], ?> decoder, byte[] bytes) {
    try {
      assertThat(decoder.apply(bytes)).isNotNull();
    } catch (MalformedRecordException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
