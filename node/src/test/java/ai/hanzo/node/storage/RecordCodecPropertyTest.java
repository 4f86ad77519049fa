package ai.hanzo.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RecordCodecPropertyTest {
  /** Generating records is slow; fewer tries keep this a fast unit test. */
  private static final int ROUND_TRIP_TRIES = 250;

  private final DeploymentRecordCodec deployments = new DeploymentRecordCodec();
  private final ContainerRecordCodec containers = new ContainerRecordCodec();
  private final PeerRecordCodec peers = new PeerRecordCodec();
  private final StoredEventCodec events = new StoredEventCodec();
  private final AuditEntryCodec audits = new AuditEntryCodec();

  @Property(tries = ROUND_TRIP_TRIES)
  void deploymentsRoundTrip(
      @ForAll("keys") String id,
      @ForAll("texts") String name,
      @ForAll("texts") String spec,
      @ForAll("maps") Map<String, String> environment,
      @ForAll("maps") Map<String, String> labels,
      @ForAll("texts") String state,
      @ForAll long generation,
      @ForAll("instants") Instant created,
      @ForAll("instants") Instant updated) {
    DeploymentRecord record = new DeploymentRecord(
        id, name, spec, environment, labels, state, generation, created, updated);

    assertThat(deployments.decode(deployments.encode(record))).isEqualTo(record);
  }

  @Property(tries = ROUND_TRIP_TRIES)
  void containersRoundTrip(
      @ForAll("keys") String id,
      @ForAll("keys") String deploymentId,
      @ForAll("texts") String text,
      @ForAll int replica,
      @ForAll("optionalTexts") String runtimeId,
      @ForAll("maps") Map<String, String> labels,
      @ForAll("instants") Instant created,
      @ForAll("optionalInstants") Instant started,
      @ForAll long pid,
      @ForAll long pidStartTime,
      @ForAll("optionalInts") Integer exitCode) {
    ContainerRecord record = new ContainerRecord(id, deploymentId, text, replica, text + "r",
        runtimeId, text + "i", text + "s", labels, created, started, pid, pidStartTime, exitCode);

    assertThat(containers.decode(containers.encode(record))).isEqualTo(record);
  }

  @Property(tries = ROUND_TRIP_TRIES)
  void peersRoundTrip(
      @ForAll("keys") String peerId,
      @ForAll("lists") List<String> addresses,
      @ForAll("lists") List<String> protocols,
      @ForAll("optionalTexts") String publicKey,
      @ForAll("instants") Instant lastSeen) {
    PeerRecord record = new PeerRecord(peerId, addresses, protocols, publicKey, lastSeen);

    assertThat(peers.decode(peers.encode(record))).isEqualTo(record);
  }

  @Property(tries = ROUND_TRIP_TRIES)
  void eventsAndAuditEntriesRoundTrip(
      @ForAll("instants") Instant at,
      @ForAll("texts") String a,
      @ForAll("texts") String b,
      @ForAll("optionalTexts") String remote,
      @ForAll("maps") Map<String, String> details) {
    StoredEvent event = new StoredEvent(at, a, b, a + b, b + a, details);
    AuditEntry entry = new AuditEntry(at, a, b, a + b, b + a, remote, details);

    assertThat(events.decode(events.encode(event))).isEqualTo(event);
    assertThat(audits.decode(audits.encode(entry))).isEqualTo(entry);
  }

  @Property
  void arbitraryBytesDecodeToARecordOrACleanError(@ForAll("values") byte[] bytes) {
    for (RecordCodec<?> codec : List.of(deployments, containers, peers, events, audits)) {
      decodesOrFailsCleanly(codec::decode, bytes);
    }
    decodesOrFailsCleanly(MetricValueCodec::decode, bytes);
  }

  @Property
  void damagedEncodingsDecodeToARecordOrACleanError(
      @ForAll("keys") String id, @ForAll int position, @ForAll byte replacement, @ForAll boolean truncate) {
    byte[] valid = deployments.encode(SampleRecords.deployment(id));
    int at = Math.floorMod(position, valid.length);
    byte[] damaged = truncate ? Arrays.copyOf(valid, at) : valid.clone();
    if (!truncate) {
      damaged[at] = replacement;
    }

    decodesOrFailsCleanly(deployments::decode, damaged);
  }

  @Property
  void unpairedSurrogatesAreRefusedInsteadOfSilentlyReplaced(@ForAll("texts") String text) {
    String broken = text + "\uD800";

    DeploymentRecord sample = SampleRecords.deployment("x");
    DeploymentRecord record = new DeploymentRecord("x", broken, sample.specJson(), Map.of(),
        Map.of(), sample.desiredState(), 0, sample.createdAt(), sample.updatedAt());

    assertThatThrownBy(() -> deployments.encode(record))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
  }

  private static void decodesOrFailsCleanly(Function<byte[], ?> decoder, byte[] bytes) {
    try {
      assertThat(decoder.apply(bytes)).isNotNull();
    } catch (MalformedRecordException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return StorageArbitraries.texts();
  }

  @Provide
  Arbitrary<String> keys() {
    return StorageArbitraries.keys();
  }

  @Provide
  Arbitrary<String> optionalTexts() {
    return StorageArbitraries.texts().injectNull(0.3);
  }

  @Provide
  Arbitrary<Map<String, String>> maps() {
    return StorageArbitraries.maps();
  }

  @Provide
  Arbitrary<List<String>> lists() {
    return StorageArbitraries.lists();
  }

  @Provide
  Arbitrary<Instant> instants() {
    return StorageArbitraries.instants();
  }

  @Provide
  Arbitrary<Instant> optionalInstants() {
    return StorageArbitraries.instants().injectNull(0.3);
  }

  @Provide
  Arbitrary<Integer> optionalInts() {
    return Arbitraries.integers().injectNull(0.3);
  }

  @Provide
  Arbitrary<byte[]> values() {
    Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> versioned =
        small.map(tail -> {
          byte[] value = new byte[tail.length + 1];
          value[0] = 1;
          System.arraycopy(tail, 0, value, 1, tail.length);
          return value;
        });
    return Arbitraries.oneOf(small, versioned);
  }
}
