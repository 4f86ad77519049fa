package ai.hanzo.bench.libp2p;

/**
 * Ten-odd gossipsub nodes on loopback subscribed to one topic, as the latency bench drives them: it publishes from
 * one node and is told of every delivery at the others, with the driver's monotonic clock read on arrival.
 */
interface GossipMesh extends AutoCloseable {
  String TOPIC = "bench";

  /** What the table calls it, e.g. "Java mesh". */
  String name();

  int size();

  /** Hands {@code data} (text) to node {@code publisher} to publish; never waits for the network. */
  void publish(int publisher, String data);

  /** Called for each delivery at {@code receiver} of the message whose text starts at {@code from}, on any thread. */
  @FunctionalInterface
  interface Deliveries {
    void delivered(int receiver, CharSequence text, int from, long arrivedNanos);
  }
}
