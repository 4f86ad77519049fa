package ai.hanzo.node.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Quality-of-service state in the {@code qos} column family: each provider's scores and ban ({@code p/<provider>}),
 * each challenge run ({@code c/<id>}), and two indexes, newest first, of all challenges ({@code t/<time><id>}) and
 * of one provider's ({@code h/<provider>\0<time><id>}); and the slash evidence this node used ({@code e/<id>},
 * oldest first by {@code s/<time><id>} and newest first per provider by {@code v/<provider>\0<time><id>}, with
 * {@code u/<challenge id>} naming the evidence each challenge went into). A challenge and the provider state it produced are written in one batch, so after a crash either both are
 * there or neither. Challenges and evidence older than the audit retention are pruned by {@link RetentionJob}; a
 * provider's state (its score and ban) is current, not history, and stays.
 */
public final class QosStore {
  private static final byte[] PROVIDER = bytes("p/");
  private static final byte[] CHALLENGE = bytes("c/");
  private static final byte[] TIMELINE = bytes("t/");
  private static final byte[] HISTORY = bytes("h/");
  private static final byte[] EVIDENCE = bytes("e/");
  private static final byte[] EVIDENCE_TIMELINE = bytes("s/");
  private static final byte[] USED = bytes("u/");
  private static final byte[] PROVIDER_EVIDENCE = bytes("v/");

  private static final int PRUNE_BATCH = 1_000;

  private final ColumnFamilyStore family;
  private final QosRecordCodecs.Provider providers = new QosRecordCodecs.Provider();
  private final QosRecordCodecs.Challenge challenges = new QosRecordCodecs.Challenge();
  private final QosRecordCodecs.Evidence evidences = new QosRecordCodecs.Evidence();

  QosStore(ColumnFamilyStore family) {
    this.family = family;
  }

  /** Stores a finished challenge and the provider's state after it, atomically. */
  public void record(QosChallengeRecord challenge, QosProviderRecord provider) {
    if (!challenge.provider().equals(provider.provider())) {
      throw new IllegalArgumentException("the challenge is for " + challenge.provider() + ", the state for "
          + provider.provider());
    }
    long newestFirst = Long.MAX_VALUE - challenge.issuedAt().toEpochMilli();
    byte[] id = KeyCodec.text(challenge.id());
    family.write("recording qos challenge " + challenge.id(), batch -> {
      batch.put(concat(CHALLENGE, id), challenges.encode(challenge));
      batch.put(concat(TIMELINE, order(newestFirst, id)), id);
      batch.put(concat(historyPrefix(challenge.provider()), order(newestFirst, id)), id);
      batch.put(concat(PROVIDER, KeyCodec.text(provider.provider())), providers.encode(provider));
    });
  }

  /**
   * Stores slash evidence with an index entry per challenge it uses ({@code u/<challenge id>}), atomically, so a
   * failure once used for a slash is never counted for another ({@link #evidenceOfChallenge}).
   */
  public void putEvidence(QosEvidenceRecord evidence) {
    byte[] id = KeyCodec.text(evidence.id());
    family.write("recording qos evidence " + evidence.id(), batch -> {
      batch.put(concat(EVIDENCE, id), evidences.encode(evidence));
      batch.put(concat(EVIDENCE_TIMELINE, order(evidence.createdAt().toEpochMilli(), id)), id);
      batch.put(providerEvidenceKey(evidence), id);
      for (String challenge : evidence.challengeIds()) {
        batch.put(concat(USED, KeyCodec.text(challenge)), id);
      }
    });
  }

  /**
   * Writes the per-provider index entry of evidence stored before that index existed (it only adds a key, so
   * calling it for indexed evidence changes nothing).
   */
  public void indexEvidence(QosEvidenceRecord evidence) {
    byte[] key = providerEvidenceKey(evidence);
    if (family.get(key) == null) {
      family.write("indexing qos evidence " + evidence.id(), batch -> batch.put(key, KeyCodec.text(evidence.id())));
    }
  }

  /**
   * One provider's evidence, newest first: {@code limit} after the evidence {@code afterId} (exclusive; null for
   * the first page; an unknown id gives an empty page).
   */
  public List<QosEvidenceRecord> evidencesOf(String provider, String afterId, int limit) {
    byte[] prefix = providerEvidencePrefix(StoredText.requireKey(provider, "provider"));
    byte[] from = prefix;
    if (afterId != null) {
      QosEvidenceRecord after = evidence(afterId).orElse(null);
      if (after == null || !after.provider().equals(provider)) {
        return List.of();
      }
      from = concat(providerEvidenceKey(after), new byte[] {0});
    }
    return family.scan(from, prefixEnd(prefix), limit, (key, value) -> evidence(KeyCodec.textOf(value))
        .orElse(null));
  }

  public Optional<QosEvidenceRecord> evidence(String id) {
    byte[] key = concat(EVIDENCE, KeyCodec.text(StoredText.requireKey(id, "evidence id")));
    byte[] value = family.get(key);
    return value == null ? Optional.empty() : Optional.of(family.decode(key, value, evidences::decode));
  }

  /** The id of the evidence that used challenge {@code challengeId}, if one did. */
  public Optional<String> evidenceOfChallenge(String challengeId) {
    byte[] value = family.get(concat(USED, KeyCodec.text(StoredText.requireKey(challengeId, "challenge id"))));
    return value == null ? Optional.empty() : Optional.of(KeyCodec.textOf(value));
  }

  /** All evidence, oldest first, at most {@code limit}. */
  public List<QosEvidenceRecord> evidences(int limit) {
    return family.scan(EVIDENCE_TIMELINE, prefixEnd(EVIDENCE_TIMELINE), limit,
        (key, value) -> evidence(KeyCodec.textOf(value)).orElse(null));
  }

  public Optional<QosProviderRecord> provider(String provider) {
    byte[] key = concat(PROVIDER, KeyCodec.text(StoredText.requireKey(provider, "provider")));
    byte[] value = family.get(key);
    return value == null ? Optional.empty() : Optional.of(family.decode(key, value, providers::decode));
  }

  public Optional<QosChallengeRecord> challenge(String id) {
    byte[] key = concat(CHALLENGE, KeyCodec.text(StoredText.requireKey(id, "id")));
    byte[] value = family.get(key);
    return value == null ? Optional.empty() : Optional.of(family.decode(key, value, challenges::decode));
  }

  /** All challenges, newest first: {@code limit} after {@code afterId} (exclusive; null for the first page). */
  public List<QosChallengeRecord> challenges(String afterId, int limit) {
    return page(TIMELINE, afterId, limit);
  }

  /** One provider's challenges, newest first, paged like {@link #challenges}. */
  public List<QosChallengeRecord> history(String provider, String afterId, int limit) {
    return page(historyPrefix(StoredText.requireKey(provider, "provider")), afterId, limit);
  }

  /**
   * Deletes every challenge issued before {@code cutoff} with its two index entries, oldest first, in batches of
   * {@value #PRUNE_BATCH}, so a month of challenges is never one huge write. The timeline's keys are newest first:
   * the old ones are its tail.
   */
  void pruneBefore(Instant cutoff) {
    pruneEvidenceBefore(cutoff);
    byte[] from = concat(TIMELINE, ByteBuffer.allocate(Long.BYTES)
        .putLong(Long.MAX_VALUE - cutoff.toEpochMilli() + 1).array());
    byte[] to = prefixEnd(TIMELINE);
    while (true) {
      List<byte[][]> keys = family.scan(from, to, PRUNE_BATCH, this::keysOfChallenge);
      if (keys.isEmpty()) {
        return;
      }
      family.write("pruning " + keys.size() + " qos challenges", batch -> {
        for (byte[][] ofOne : keys) {
          for (byte[] key : ofOne) {
            batch.delete(key);
          }
        }
      });
    }
  }

  /** Evidence is kept as long as challenges are (its results were gossiped then); its timeline is oldest first. */
  private void pruneEvidenceBefore(Instant cutoff) {
    byte[] to = concat(EVIDENCE_TIMELINE, ByteBuffer.allocate(Long.BYTES).putLong(cutoff.toEpochMilli()).array());
    while (true) {
      List<byte[][]> keys = family.scan(EVIDENCE_TIMELINE, to, PRUNE_BATCH, this::keysOfEvidence);
      if (keys.isEmpty()) {
        return;
      }
      family.write("pruning " + keys.size() + " qos evidences", batch -> {
        for (byte[][] ofOne : keys) {
          for (byte[] key : ofOne) {
            batch.delete(key);
          }
        }
      });
    }
  }

  private byte[][] keysOfEvidence(byte[] timelineKey, byte[] id) {
    byte[] evidenceKey = concat(EVIDENCE, id);
    byte[] value = family.get(evidenceKey);
    if (value == null) {
      return new byte[][] {timelineKey};
    }
    QosEvidenceRecord evidence = family.decode(evidenceKey, value, evidences::decode);
    List<String> used = evidence.challengeIds();
    byte[][] keys = new byte[used.size() + 3][];
    keys[0] = timelineKey;
    keys[1] = evidenceKey;
    keys[2] = providerEvidenceKey(evidence);
    for (int i = 0; i < used.size(); i++) {
      keys[i + 3] = concat(USED, KeyCodec.text(used.get(i)));
    }
    return keys;
  }

  /** The timeline entry {@code timelineKey → id}, the challenge and its history entry (if the challenge is there). */
  private byte[][] keysOfChallenge(byte[] timelineKey, byte[] id) {
    byte[] challengeKey = concat(CHALLENGE, id);
    byte[] value = family.get(challengeKey);
    if (value == null) {
      return new byte[][] {timelineKey};
    }
    String provider = family.decode(challengeKey, value, challenges::decode).provider();
    byte[] order = Arrays.copyOfRange(timelineKey, TIMELINE.length, timelineKey.length);
    return new byte[][] {timelineKey, challengeKey, concat(historyPrefix(provider), order)};
  }

  private List<QosChallengeRecord> page(byte[] prefix, String afterId, int limit) {
    byte[] from = prefix;
    if (afterId != null) {
      QosChallengeRecord after = challenge(afterId).orElse(null);
      if (after == null) {
        return List.of();
      }
      byte[] afterKey = concat(prefix, order(Long.MAX_VALUE - after.issuedAt().toEpochMilli(),
          KeyCodec.text(after.id())));
      from = concat(afterKey, new byte[] {0});
    }
    return family.scan(from, prefixEnd(prefix), limit, (key, value) -> challenge(KeyCodec.textOf(value))
        .orElse(null));
  }

  private static byte[] providerEvidencePrefix(String provider) {
    return concat(concat(PROVIDER_EVIDENCE, KeyCodec.text(provider)), new byte[] {0});
  }

  private static byte[] providerEvidenceKey(QosEvidenceRecord evidence) {
    return concat(providerEvidencePrefix(evidence.provider()), order(Long.MAX_VALUE
        - evidence.createdAt().toEpochMilli(), KeyCodec.text(evidence.id())));
  }

  private static byte[] historyPrefix(String provider) {
    return concat(concat(HISTORY, KeyCodec.text(provider)), new byte[] {0});
  }

  private static byte[] order(long newestFirst, byte[] id) {
    return ByteBuffer.allocate(Long.BYTES + id.length).putLong(newestFirst).put(id).array();
  }

  /** The first key after every key that starts with {@code prefix} (prefixes here never end in 0xff). */
  private static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    end[end.length - 1]++;
    return end;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
