package ai.hanzo.libp2p.kad;

import ai.hanzo.libp2p.kad.net.KadRpc;
import ai.hanzo.libp2p.kad.record.InvalidRecordException;
import ai.hanzo.libp2p.kad.record.RecordStore;
import ai.hanzo.libp2p.kad.record.Validators;
import ai.hanzo.libp2p.kad.wire.DhtMessage;
import ai.hanzo.libp2p.kad.wire.DhtRecord;
import ai.hanzo.libp2p.kad.wire.MessageType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** PUT_VALUE and GET_VALUE across the network, every value checked by its namespace's rules. */
final class ValueOperations {
  /** A GET_VALUE lookup stops once this many peers returned a valid value. */
  static final int GET_QUORUM = 3;

  private final DhtQueries queries;
  private final KadRpc rpc;
  private final RecordStore store;
  private final Validators validators;

  ValueOperations(DhtQueries queries, KadRpc rpc, RecordStore store, Validators validators) {
    this.queries = queries;
    this.rpc = rpc;
    this.store = store;
    this.validators = validators;
  }

  /**
   * Validates and stores the value here and at the k closest peers; completes with how many of
   * them accepted it, or fails with {@link InvalidRecordException} for an invalid value.
   */
  CompletableFuture<Integer> put(byte[] key, byte[] value) {
    try {
      validators.validate(key, value);
    } catch (InvalidRecordException e) {
      return CompletableFuture.failedFuture(e);
    }
    DhtRecord record = new DhtRecord(key, value, "");
    store.put(record);
    DhtMessage request = DhtMessage.request(MessageType.PUT_VALUE, key).withRecord(record);
    return queries.toClosest(key, peer -> rpc.request(peer, request));
  }

  /** The best valid value found here and at the peers closest to {@code key}. */
  CompletableFuture<Optional<byte[]>> get(byte[] key) {
    List<byte[]> found = new ArrayList<>();
    store.get(key).ifPresent(r -> found.add(r.value()));
    return queries.lookup(MessageType.GET_VALUE, key, (peer, answer) -> {
      Optional<DhtRecord> record = answer.recordIfPresent();
      if (record.isEmpty() || !Arrays.equals(record.get().key(), key)) {
        return;
      }
      try {
        validators.validate(key, record.get().value());
        synchronized (found) {
          found.add(record.get().value());
        }
      } catch (InvalidRecordException ignored) {
        // A peer serving an invalid value is ignored, as if it had none.
      }
    }, () -> {
      synchronized (found) {
        return found.size() >= GET_QUORUM;
      }
    }).thenApply(peers -> {
      synchronized (found) {
        if (found.isEmpty()) {
          return Optional.empty();
        }
        try {
          return Optional.of(found.get(validators.select(key, found)));
        } catch (InvalidRecordException e) {
          return Optional.empty();
        }
      }
    });
  }
}
