package ai.hanzo.node.chain;

import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.config.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Follows the configured chain's head. {@link #start()} checks, once, that the RPC serves the configured chain id
 * and that the registry contract (if configured) has code: a mismatch is a {@link ConfigException} and the node does
 * not start. An RPC that does not answer at start does not stop the node: the same checks run on its first answer,
 * and until then the chain is reported unreachable. Then one daemon thread polls the latest block once per poll
 * interval (fixed delay, so a slow RPC is never asked twice at once) and keeps the result for {@link #status()}.
 * Each head goes through a {@link ReorgDetector}: every reorg is logged, counted and handed to the
 * {@link #onReorg listeners}; one deeper than the confirmations is an error, and the {@code chain} check reports it.
 */
public final class ChainFollower implements ChainStatusSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChainFollower.class);
  private final ChainConfig config;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Web3j web3j;
  private volatile boolean verified;
  private volatile ChainStatus status;
  private final ReorgDetector reorgs;
  private final AtomicLong reorgCount = new AtomicLong();
  private final List<Consumer<ChainReorg>> reorgListeners = new CopyOnWriteArrayList<>();
  private volatile ChainReorg lastReorg;
  private volatile ChainReorg lastDeepReorg;

  ChainFollower(ChainConfig config, Web3jService service, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chain-follower");
      t.setDaemon(true);
      return t;
    });
    this.web3j = Web3j.build(service, config.pollInterval().toMillis(), executor);
    this.status = new ChainStatus(config.chainId(), Optional.empty(), Optional.empty(),
        Optional.of("not polled yet"), false);
    this.reorgs = new ReorgDetector(new RecentBlocks(ReorgDetector.memoryFor(config.confirmations())), clock);
  }

  /**
   * Called on the follower's thread for every reorg it notices, after it was logged and counted; a listener must
   * hand slow work to a thread of its own.
   */
  public void onReorg(Consumer<ChainReorg> listener) {
    reorgListeners.add(listener);
  }

  @Override
  public long reorgCount() {
    return reorgCount.get();
  }

  @Override
  public Optional<ChainReorg> lastReorg() {
    return Optional.ofNullable(lastReorg);
  }

  @Override
  public Optional<ChainReorg> lastDeepReorg() {
    return Optional.ofNullable(lastDeepReorg);
  }

  @Override
  public int confirmations() {
    return config.confirmations();
  }

  /** A follower of {@code config}'s RPC; nothing is called until {@link #start()}. */
  public static ChainFollower create(ChainConfig config, Clock clock) {
    if (!config.enabled()) {
      throw new IllegalArgumentException("no chain configured");
    }
    return new ChainFollower(config, new JdkHttpService(config.rpc(), config.rpcTimeout()), clock);
  }

  /**
   * Blocks for at most a few RPC timeouts: the start checks, then the polling starts.
   *
   * @throws ConfigException when the RPC serves another chain id, or the registry contract has no code
   */
  public void start() {
    try {
      verify();
      log.info("Following chain {} at {}", config.chainId(), redacted(config.rpc()));
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException wrong) {
        throw wrong;
      }
      status = failing(describe(e));
      log.warn("The chain RPC {} does not answer ({}); checking chain {} once it does", redacted(config.rpc()),
          describe(e), config.chainId());
    }
    executor.scheduleWithFixedDelay(this::poll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public ChainStatus status() {
    return status;
  }

  @Override
  public Duration maxLag() {
    return config.maxLag();
  }

  public ChainConfig config() {
    return config;
  }

  /** Stops polling; a poll in flight ends within the RPC timeout. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(config.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void verify() throws IOException {
    BigInteger answered = answer(web3j.ethChainId().send()).getChainId();
    if (answered == null || !answered.equals(BigInteger.valueOf(config.chainId()))) {
      throw new ConfigException("--chain-id " + config.chainId() + " does not match the chain at "
          + redacted(config.rpc()) + ", which answers chain id " + answered);
    }
    if (config.registryContract().isPresent()) {
      String address = config.registryContract().get();
      String code = answer(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send()).getCode();
      if (code == null || code.isEmpty() || code.equals("0x")) {
        throw new ConfigException("--registry-contract " + address + " has no code on chain " + config.chainId()
            + " at " + redacted(config.rpc()) + ": not a deployed contract");
      }
    }
    verified = true;
  }

  void poll() {
    boolean wasReachable = status.reachable();
    try {
      if (!verified) {
        verify();
      }
      EthBlock.Block block = answer(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
          .getBlock();
      if (block == null || block.getNumber() == null || block.getTimestamp() == null) {
        throw new IOException("the RPC answered no latest block");
      }
      ChainStatus.Head head = new ChainStatus.Head(block.getNumber().longValueExact(),
          Instant.ofEpochSecond(block.getTimestamp().longValueExact()));
      if (block.getHash() != null && block.getParentHash() != null) {
        reorgs.observe(new ReorgDetector.Block(head.number(), block.getHash(), block.getParentHash()),
            this::hashAt).ifPresent(this::reorged);
      }
      status = new ChainStatus(config.chainId(), Optional.of(head), Optional.of(clock.instant()), Optional.empty(),
          false);
      if (!wasReachable) {
        log.info("Chain {} answers at {}: head {}", config.chainId(), redacted(config.rpc()), head.number());
      }
    } catch (ConfigException wrong) {
      status = new ChainStatus(config.chainId(), status.head(), status.lastAnswer(),
          Optional.of(wrong.getMessage()), true);
      log.error("{}", wrong.getMessage());
    } catch (IOException | RuntimeException e) {
      // Anything the RPC does (garbage, an error object, a hang) makes this poll fail, never the thread.
      status = failing(describe(e));
      if (wasReachable) {
        log.warn("The chain RPC {} stopped answering: {}", redacted(config.rpc()), describe(e));
      }
    }
  }

  /** The chain's hash of block {@code number}; null when it has none. */
  private String hashAt(long number) throws IOException {
    EthBlock.Block b = answer(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)),
        false).send()).getBlock();
    return b == null ? null : b.getHash();
  }

  private void reorged(ChainReorg reorg) {
    reorgCount.incrementAndGet();
    lastReorg = reorg;
    if (reorg.depth() > config.confirmations()) {
      lastDeepReorg = reorg;
      log.error("Chain {}: {}, deeper than --chain-confirmations {}: blocks the node treated as final changed",
          config.chainId(), reorg.describe(), config.confirmations());
    } else {
      log.warn("Chain {}: {}", config.chainId(), reorg.describe());
    }
    for (Consumer<ChainReorg> listener : reorgListeners) {
      try {
        listener.accept(reorg);
      } catch (RuntimeException e) {
        log.warn("A reorg listener failed: {}", e.toString());
      }
    }
  }

  private ChainStatus failing(String problem) {
    ChainStatus last = status;
    return new ChainStatus(config.chainId(), last.head(), last.lastAnswer(), Optional.of(problem),
        last.wrongChain());
  }

  private static <T extends Response<?>> T answer(T response) throws IOException {
    if (response.hasError()) {
      throw new IOException("the RPC answered error " + response.getError().getCode() + ": "
          + response.getError().getMessage());
    }
    return response;
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : ChainCalls.shorten(e.getMessage());
  }

  /** Scheme, host and port only: RPC URLs often carry an API key in their path or user info. */
  static String redacted(URI rpc) {
    return rpc.getScheme() + "://" + rpc.getHost() + (rpc.getPort() < 0 ? "" : ":" + rpc.getPort());
  }
}
