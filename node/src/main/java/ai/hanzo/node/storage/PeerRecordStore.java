package ai.hanzo.node.storage;

import java.util.List;
import java.util.Optional;

/** libp2p peers the node has met, by peer id, so it can redial them after a restart. */
public final class PeerRecordStore {
  private final KeyedRecordStore<PeerRecord> records;

  PeerRecordStore(ColumnFamilyStore family) {
    this.records = new KeyedRecordStore<>(family, new PeerRecordCodec(), PeerRecord::peerId);
  }

  public void put(PeerRecord record) {
    records.put(record);
  }

  public Optional<PeerRecord> get(String peerId) {
    return records.get(peerId);
  }

  /** All peers, ordered by peer id. */
  public List<PeerRecord> list() {
    return records.list();
  }

  /** Returns whether the peer was known. */
  public boolean delete(String peerId) {
    return records.delete(peerId);
  }
}
