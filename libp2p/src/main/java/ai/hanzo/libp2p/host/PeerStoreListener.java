package ai.hanzo.libp2p.host;

/** Learns every change to a {@link PeerStore}, e.g. to persist it. */
@FunctionalInterface
public interface PeerStoreListener {
  /** {@code info} is the peer's record after the change. Called on the thread that changed it. */
  void onUpdated(PeerInfo info);
}
