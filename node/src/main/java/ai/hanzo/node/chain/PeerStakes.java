package ai.hanzo.node.chain;

import ai.hanzo.node.config.ChainConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * The stake behind other nodes' PeerIds: the registry's binding ({@code operatorOfPeer}) and the bound operator's
 * stake against the minimum, cached per PeerId ({@link StakeCache}) and read again once the head has moved
 * {@code --stake-refresh-blocks} blocks. Reads run on a thread of their own, one lookup per PeerId at a time; callers
 * (the gossip router, the API) get a stage that is complete at once when the cache answers. An RPC failure keeps
 * the last known answer, marked stale.
 */
public final class PeerStakes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerStakes.class);
  /** Peers remembered at most: far above a node's connections, small beside the heap (~200 bytes each). */
  static final int CAPACITY = 10_000;

  /** Reads the registry's answer for one PeerId; throws IOException when the chain cannot be asked. */
  @FunctionalInterface
  public interface Source {
    PeerStake read(String peerId, long head) throws IOException;
  }

  private final StakeCache cache;
  private final Source source;
  private final ChainStatusSource chain;
  private final Clock clock;
  private final ExecutorService executor;
  private final AutoCloseable onClose;
  private final Map<String, CompletableFuture<PeerStake>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong reads = new AtomicLong();

  PeerStakes(StakeCache cache, Source source, ChainStatusSource chain, Clock clock, ExecutorService executor,
      AutoCloseable onClose) {
    this.cache = cache;
    this.source = source;
    this.chain = chain;
    this.clock = clock;
    this.executor = executor;
    this.onClose = onClose;
  }

  /**
   * For a node with {@code --registry-contract}.
   *
   * @param chain the follower, for the head the answers are aged by
   * @param peerIdBytes a PeerId's text to its bytes (the multihash the registry stores); throws
   *     IllegalArgumentException for text that is no PeerId
   */
  public static PeerStakes create(ChainConfig config, ChainStatusSource chain, Function<String, byte[]> peerIdBytes,
      Clock clock) {
    String registry = config.registryContract().orElseThrow(
        () -> new IllegalArgumentException("stake checks need --registry-contract")).toLowerCase(Locale.ROOT);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "chain-stakes");
      t.setDaemon(true);
      return t;
    });
    Web3j web3j = Web3j.build(new JdkHttpService(config.rpc(), config.rpcTimeout()));
    RegistryReader reader = new RegistryReader(web3j, registry);
    StakeCache cache = new StakeCache(CAPACITY, config.stakeRefreshBlocks(), config.pollInterval());
    return new PeerStakes(cache, new RegistrySource(reader, peerIdBytes, clock), chain, clock, executor,
        web3j::shutdown);
  }

  /**
   * Stakes read from {@code source} instead of a registry (the benchmarks and tests use it), with a cache as
   * {@link #create} builds one and reads on a thread of their own.
   */
  public static PeerStakes withSource(Source source, ChainStatusSource chain, int refreshBlocks, Clock clock) {
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "chain-stakes");
      t.setDaemon(true);
      return t;
    });
    return new PeerStakes(new StakeCache(CAPACITY, refreshBlocks, java.time.Duration.ofSeconds(2)), source, chain,
        clock, executor, () -> { });
  }

  /** The cached answer, fresh or not, without asking the chain. */
  public Optional<PeerStake> cached(String peerId) {
    return cache.get(peerId);
  }

  /**
   * The answer for {@code peerId}: at once from the cache while it is fresh, else read on the stakes thread (a
   * lookup already running for the peer is joined, not repeated). Never completes exceptionally.
   */
  public CompletableFuture<PeerStake> lookup(String peerId) {
    long head = chain.status().height();
    Optional<PeerStake> fresh = cache.fresh(peerId, head, clock.instant());
    if (fresh.isPresent()) {
      return CompletableFuture.completedFuture(fresh.get());
    }
    CompletableFuture<PeerStake> mine = new CompletableFuture<>();
    CompletableFuture<PeerStake> running = inFlight.putIfAbsent(peerId, mine);
    if (running != null) {
      return running;
    }
    try {
      executor.execute(() -> mine.complete(read(peerId, head)));
    } catch (RejectedExecutionException closed) {
      mine.complete(cache.failed(peerId, clock.instant(), "the node is stopping"));
    }
    mine.whenComplete((s, e) -> inFlight.remove(peerId, mine));
    return mine;
  }

  private PeerStake read(String peerId, long head) {
    reads.incrementAndGet();
    try {
      PeerStake answer = source.read(peerId, head);
      cache.put(answer);
      return answer;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      PeerStake kept = cache.failed(peerId, clock.instant(), why);
      log.debug("Stake of peer {} not read ({}); keeping {}", peerId, why, kept.answered() ? "the last answer" : "none");
      return kept;
    }
  }

  /** Registry reads so far (two or three RPC calls each): for the metrics and the benchmark. */
  public long reads() {
    return reads.get();
  }

  public int cachedPeers() {
    return cache.size();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      // A read in flight ends within its RPC timeout; past the default one the daemon thread is left to end alone.
      executor.awaitTermination(ChainConfig.DEFAULT_RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      onClose.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("Closing the stakes RPC client: {}", e.toString());
    }
  }

  /** The registry itself: operatorOfPeer, then getOperator of the bound operator; minStake read once (immutable). */
  private static final class RegistrySource implements Source {
    private final RegistryReader reader;
    private final Function<String, byte[]> peerIdBytes;
    private final Clock clock;
    private volatile BigInteger minStake;

    RegistrySource(RegistryReader reader, Function<String, byte[]> peerIdBytes, Clock clock) {
      this.reader = reader;
      this.peerIdBytes = peerIdBytes;
      this.clock = clock;
    }

    @Override
    public PeerStake read(String peerId, long head) throws IOException {
      byte[] bytes;
      try {
        bytes = peerIdBytes.apply(peerId);
      } catch (IllegalArgumentException notAPeerId) {
        return new PeerStake(peerId, "", BigInteger.ZERO, minStake(), head, clock.instant(), true, Optional.empty());
      }
      String operator = ((String) reader.call(RegistryAbi.operatorOfPeer(bytes)).get(0).getValue())
          .toLowerCase(Locale.ROOT);
      BigInteger min = minStake();
      if (operator.equals(RegistryReader.NO_ADDRESS)) {
        return new PeerStake(peerId, "", BigInteger.ZERO, min, head, clock.instant(), true, Optional.empty());
      }
      BigInteger stake = (BigInteger) reader.call(RegistryAbi.getOperator(operator)).get(0).getValue();
      return new PeerStake(peerId, operator, stake, min, head, clock.instant(), true, Optional.empty());
    }

    private BigInteger minStake() throws IOException {
      BigInteger m = minStake;
      if (m == null) {
        m = (BigInteger) reader.call(RegistryAbi.minStake()).get(0).getValue();
        minStake = m;
      }
      return m;
    }
  }
}
