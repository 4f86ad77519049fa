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
 * of one provider's ({@code h/<provider>\0<time><id>}). A challenge and the provider state it produced are written
 * in one batch, so after a crash either both are there or neither. Challenges older than the audit retention are
 * pruned by {@link RetentionJob}; a provider's state (its score and ban) is current, not history, and stays.
 */
public final class QosStore {
  private static final byte[] PROVIDER = bytes("p/");
  private static final byte[] CHALLENGE = bytes("c/");
  private static final byte[] TIMELINE = bytes("t/");
  private static final byte[] HISTORY = bytes("h/");

  private static final int PRUNE_BATCH = 1_000;

  private final ColumnFamilyStore family;
  private final QosRecordCodecs.Provider providers = new QosRecordCodecs.Provider();
  private final QosRecordCodecs.Challenge challenges = new QosRecordCodecs.Challenge();

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
