package ai.hanzo.node.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Compute usage of this node's containers, in one column family so that closing intervals and moving the open ones
 * forward is one atomic write: a sample either lands whole or not at all, so a {@code kill -9} can neither lose an
 * interval nor count one twice. Keys: {@code 'o' + container id} for the open interval of a running container,
 * {@code 'r' + end (8 bytes, big-endian millis) + container id} for a closed one, so closed intervals sort by their
 * end. Written like the inference usage log (WAL, no fsync; see {@link UsageLog}); closed intervals are pruned with
 * the audit retention.
 */
public final class ComputeUsageLog {
  private static final byte OPEN = 'o';
  private static final byte RECORD = 'r';

  private final ColumnFamilyStore family;

  ComputeUsageLog(ColumnFamilyStore family) {
    this.family = family;
  }

  /** Every open interval, as the last sample left it. */
  public List<OpenUsageInterval> openIntervals() {
    return family.scan(new byte[] {OPEN}, new byte[] {OPEN + 1}, Integer.MAX_VALUE,
        (key, value) -> family.decode(key, value, ComputeUsageCodecs.OPEN::decode));
  }

  /**
   * One sample's writes, atomically: the intervals it closed, the open intervals it moved forward or started, and the
   * open intervals of containers that are gone.
   */
  public void save(List<ComputeUsageRecord> closed, Collection<OpenUsageInterval> open, Collection<String> ended) {
    if (closed.isEmpty() && open.isEmpty() && ended.isEmpty()) {
      return;
    }
    family.write("saving a compute usage sample", batch -> {
      for (ComputeUsageRecord r : closed) {
        batch.put(recordKey(r.end(), r.containerId()), ComputeUsageCodecs.RECORD.encode(r));
      }
      for (OpenUsageInterval o : open) {
        batch.put(openKey(o.containerId()), ComputeUsageCodecs.OPEN.encode(o));
      }
      for (String containerId : ended) {
        batch.delete(openKey(containerId));
      }
    });
  }

  /**
   * At most {@code limit} closed intervals with {@code from <= end < to}, by end; only those after {@code after}
   * (one this method returned) when it is not {@code null}.
   */
  public List<ComputeUsageRecord> endingBetween(Instant from, Instant to, ComputeUsageRecord after, int limit) {
    byte[] lower = recordKey(from, "");
    if (after != null) {
      byte[] afterKey = recordKey(after.end(), after.containerId());
      afterKey = Arrays.copyOf(afterKey, afterKey.length + 1); // the smallest key above after's
      lower = Arrays.compareUnsigned(afterKey, lower) > 0 ? afterKey : lower;
    }
    return family.scan(lower, recordKey(to, ""), limit,
        (key, value) -> family.decode(key, value, ComputeUsageCodecs.RECORD::decode));
  }

  void pruneBefore(Instant cutoff) {
    family.deleteRange(recordKey(Instant.EPOCH, ""), recordKey(cutoff, ""));
  }

  private static byte[] openKey(String containerId) {
    byte[] id = containerId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + id.length).put(OPEN).put(id).array();
  }

  private static byte[] recordKey(Instant end, String containerId) {
    byte[] id = containerId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + Long.BYTES + id.length).put(RECORD)
        .putLong(Math.max(0, KeyCodec.millisOf(end))).put(id).array();
  }
}
