package ai.hanzo.node.chain;

import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.ChainTxRecord;
import ai.hanzo.node.storage.ChainTxStore;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The node as an operator of the registry: registers this node (its PeerId bound by its libp2p key's signature
 * over the registry's binding message), increases stake, requests a decrease or an exit (unbonding), withdraws,
 * and reads an operator's state. Transactions go through the {@link TxSender} and its journal; reads and sends run
 * on the service's own thread, never the caller's. Without {@code --operator-keystore} only reads are possible.
 */
public final class OperatorService implements AutoCloseable {
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-fA-F]{64}");
  /**
   * How long a call may wait for the chain before it is abandoned with UNAVAILABLE and nothing sent: below the API's
   * 8 s answer time, so the caller always hears the service's own answer, never a timeout of its own after which
   * the transaction might still go out.
   */
  public static final java.time.Duration SUBMIT_WITHIN = java.time.Duration.ofSeconds(7);

  private final ChainConfig config;
  private final String registry;
  private final ChainTxStore journal;
  private final NodeKey nodeKey;
  private final java.util.function.Supplier<byte[]> capabilitiesHash;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  /**
   * The sender's reads before it signs, asked side by side (see {@link TxSender}), each bounded by
   * {@code --chain-rpc-timeout}. Threads end after a minute idle, so an idle node keeps none.
   */
  private final java.util.concurrent.ThreadPoolExecutor reads;
  private final Web3j web3j;
  private final RegistryReader reader;
  private volatile TxSender sender;

  private OperatorService(ChainConfig config, ChainTxStore journal, NodeKey nodeKey,
      java.util.function.Supplier<byte[]> capabilitiesHash, Clock clock) {
    this.config = config;
    this.capabilitiesHash = capabilitiesHash;
    this.registry = config.registryContract().orElseThrow().toLowerCase(Locale.ROOT);
    this.journal = journal;
    this.nodeKey = nodeKey;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chain-operator");
      t.setDaemon(true);
      return t;
    });
    // Beyond 8 at once (an RPC answering some calls and hanging others), or once stopping, a read runs on the
    // thread that asked for it: slower, never lost (a lost read would leave its future, and the sender, waiting).
    this.reads = new java.util.concurrent.ThreadPoolExecutor(0, 8, 60, TimeUnit.SECONDS,
        new java.util.concurrent.SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "chain-operator-read");
          t.setDaemon(true);
          return t;
        }, (read, pool) -> read.run());
    this.web3j = Web3j.build(new JdkHttpService(config.rpc(), config.rpcTimeout()),
        config.pollInterval().toMillis(), executor);
    this.reader = new RegistryReader(web3j, registry);
  }

  /**
   * For a node with {@code --registry-contract}; nothing is called before {@link #start()}.
   *
   * @param capabilitiesHash the 32 bytes registered with this node when the caller gives no capabilities hash (the
   *     node's own capabilities, hashed); read at each registration, on the caller's (blocking) thread
   */
  public static OperatorService create(ChainConfig config, ChainTxStore journal, NodeKey nodeKey,
      java.util.function.Supplier<byte[]> capabilitiesHash, Clock clock) {
    if (!config.enabled() || config.registryContract().isEmpty()) {
      throw new IllegalArgumentException("an operator service needs --chain-rpc and --registry-contract");
    }
    return new OperatorService(config, journal, nodeKey, capabilitiesHash, clock);
  }

  /**
   * Opens the keystore, if one is configured, and resumes the journal's open transactions.
   *
   * @throws ai.hanzo.node.config.ConfigException when the keystore's password is wrong or it is no keystore
   */
  public void start() {
    if (config.operatorKeystore().isEmpty()) {
      return;
    }
    Credentials credentials = OperatorWallet.open(config.operatorKeystore().get());
    TxSender s = new TxSender(web3j, config.rpc(), credentials, config.chainId(), config.confirmations(), journal,
        clock, executor, reads);
    s.start(config.pollInterval());
    sender = s;
    org.slf4j.LoggerFactory.getLogger(OperatorService.class).info("Operator account {} on registry {}", s.from(),
        registry);
  }

  /** The operator address this node signs for, when it holds a keystore. */
  public Optional<String> operatorAddress() {
    TxSender s = sender;
    return s == null ? Optional.empty() : Optional.of(s.from());
  }

  public long chainId() {
    return config.chainId();
  }

  /**
   * Registers this node under the operator with {@code stake} wei added to the operator's stake.
   *
   * @param endpoint the API endpoint stored with the node (at most 256 bytes), may be empty
   * @param capabilitiesHash 0x and 64 hex digits, or empty for this node's own (see {@link #create})
   */
  public CompletableFuture<SubmittedTx> register(String endpoint, String capabilitiesHash, BigInteger stake) {
    TxSender s = signer();
    byte[] caps;
    if (capabilitiesHash.isEmpty()) {
      caps = ownCapabilitiesHash();
    } else {
      if (!BYTES32.matcher(capabilitiesHash).matches()) {
        throw NodeException.invalidField("capabilities_hash", "must be 0x and 64 hex digits (32 bytes), was '"
            + capabilitiesHash + "'");
      }
      caps = org.web3j.utils.Numeric.hexStringToByteArray(capabilitiesHash);
    }
    if (endpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 256) {
      throw NodeException.invalidField("endpoint", "is longer than the registry's 256 bytes");
    }
    byte[] signature = nodeKey.sign(RegistryAbi.bindingMessage(s.from(), config.chainId(), registry));
    Function call = RegistryAbi.register(nodeKey.nodeId(), nodeKey.peerId(), endpoint, caps, signature);
    return s.submit("register", registry, stake, FunctionEncoder.encode(call), true, deadline());
  }

  /** The capabilities hash this node registers when its caller gives none: 32 bytes. */
  public byte[] ownCapabilitiesHash() {
    byte[] hash = capabilitiesHash.get();
    if (hash.length != 32) {
      throw new IllegalStateException("a capabilities hash has 32 bytes, not " + hash.length);
    }
    return hash.clone();
  }

  public CompletableFuture<SubmittedTx> increaseStake(BigInteger amount) {
    return signer().submit("increase", registry, amount, FunctionEncoder.encode(RegistryAbi.increaseStake()), false,
        deadline());
  }

  public CompletableFuture<SubmittedTx> requestDecrease(BigInteger amount) {
    return signer().submit("decrease", registry, BigInteger.ZERO,
        FunctionEncoder.encode(RegistryAbi.requestDecrease(amount)), false, deadline());
  }

  public CompletableFuture<SubmittedTx> exit() {
    return signer().submit("exit", registry, BigInteger.ZERO, FunctionEncoder.encode(RegistryAbi.exit()), true,
        deadline());
  }

  public CompletableFuture<SubmittedTx> withdraw() {
    return signer().submit("withdraw", registry, BigInteger.ZERO, FunctionEncoder.encode(RegistryAbi.withdraw()),
        true, deadline());
  }

  /** The action a slash for evidence {@code evidenceId} is journaled under: one per evidence, ever. */
  public static String slashAction(String evidenceId) {
    return "slash " + evidenceId;
  }

  /**
   * As the registry's slasher, slashes {@code shareBps} / 10000 of {@code operator}'s stake (and unbonding wei)
   * for evidence {@code evidenceId}, with {@code reason} on chain. The journal is the guard against slashing twice:
   * a slash is refused (FAILED_PRECONDITION) while one for the same evidence is journaled in any state but
   * DROPPED, and the journal is written before the broadcast and resumed after a crash. A node that is not the
   * registry's slasher is refused by the simulation, before anything is signed.
   */
  public CompletableFuture<SubmittedTx> slash(String operator, int shareBps, String reason, String evidenceId) {
    String address = requireAddress("operator", operator);
    if (shareBps < 1 || shareBps > 10_000) {
      throw NodeException.invalidField("share_bps", "must be 1 to 10000, was " + shareBps);
    }
    if (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 256) {
      throw NodeException.invalidField("reason", "is longer than 256 bytes");
    }
    String action = slashAction(evidenceId);
    if (slashJournaled(evidenceId)) {
      throw new NodeException(ErrorCode.ALREADY_EXISTS, "evidence " + evidenceId + " was slashed for already");
    }
    return signer().submit(action, registry, BigInteger.ZERO,
        FunctionEncoder.encode(RegistryAbi.slash(address, shareBps, reason)), true,
        // No caller waits on a slash: it may wait longer for a slow RPC than an API call would.
        System.nanoTime() + SLASH_WITHIN.toNanos());
  }

  /**
   * The journaled transaction of the slash for {@code evidenceId}: the one in a state other than DROPPED if there
   * is one, else the newest dropped one; empty when none reached the journal. Blocking (RocksDB).
   */
  public Optional<ChainTxRecord> slashTx(String evidenceId) {
    String action = slashAction(evidenceId);
    return journal.list().stream().filter(r -> r.action().equals(action))
        .max(java.util.Comparator.comparing((ChainTxRecord r) -> TxState.of(r.state()) != TxState.DROPPED)
            .thenComparing(ChainTxRecord::createdAt));
  }

  /** Whether a slash for {@code evidenceId} is in the journal (in any state but DROPPED). Blocking (RocksDB). */
  public boolean slashJournaled(String evidenceId) {
    String action = slashAction(evidenceId);
    return journal.list().stream().anyMatch(r -> r.action().equals(action)
        && TxState.of(r.state()) != TxState.DROPPED);
  }

  /**
   * The chain reorganised above block {@code ancestor}: transactions final in the blocks that left are followed
   * again (and resent when the chain lost them). Returns at once; the work runs on the service's thread.
   */
  public void reorged(long ancestor) {
    TxSender s = sender;
    if (s != null) {
      try {
        executor.execute(() -> s.reorged(ancestor));
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // The node is stopping: the journal still holds the transactions, and the next start checks them.
      }
    }
  }

  /**
   * Removes node {@code nodeId} (empty: this node) of the operator from the registry; its PeerId binding goes with
   * it, the stake stays. One deregistration at a time.
   */
  public CompletableFuture<SubmittedTx> deregister(String nodeId) {
    String node = nodeId.isEmpty() ? nodeKey.nodeId() : nodeId;
    if (node.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 128) {
      throw NodeException.invalidField("node_id", "is longer than the registry's 128 bytes");
    }
    return signer().submit("deregister", registry, BigInteger.ZERO,
        FunctionEncoder.encode(RegistryAbi.deregister(node)), true, deadline());
  }

  /** A journaled transaction as it stands now. */
  public Optional<ChainTxRecord> transaction(String hash) {
    return journal.get(hash);
  }

  /** The operator's state at the latest block, read on the service's thread. */
  @SuppressWarnings("rawtypes")
  public CompletableFuture<OperatorState> status(String operator) {
    String address = requireAddress("operator", operator);
    long deadline = deadline();
    return CompletableFuture.supplyAsync(() -> {
      try {
        // Checked before each call: a caller that gave up is not answered late, and its reads do not hold the
        // thread (and the calls queued behind them) any longer.
        ChainCalls.requireBefore(deadline, config.rpc(), "reading operator " + address + " waited too long");
        List<Type> op = call(RegistryAbi.getOperator(address));
        ChainCalls.requireBefore(deadline, config.rpc(), "reading operator " + address + " took too long");
        BigInteger minStake = (BigInteger) call(RegistryAbi.minStake()).get(0).getValue();
        ChainCalls.requireBefore(deadline, config.rpc(), "reading operator " + address + " took too long");
        long period = ((BigInteger) call(RegistryAbi.unbondingPeriod()).get(0).getValue()).longValueExact();
        ChainCalls.requireBefore(deadline, config.rpc(), "reading operator " + address + " took too long");
        List<Type> node = call(RegistryAbi.getNode(nodeKey.nodeId()));
        String nodeOperator = ((String) node.get(0).getValue()).toLowerCase(Locale.ROOT);
        String registeredCaps = org.web3j.utils.Numeric.toHexString((byte[]) node.get(3).getValue());
        if (nodeOperator.equals(RegistryReader.NO_ADDRESS)) {
          nodeOperator = "";
          registeredCaps = "";
        }
        List<ChainTxRecord> open = journal.list().stream()
            .filter(r -> r.from().equals(address) && TxState.of(r.state()).open()).toList();
        return new OperatorState(address, (BigInteger) op.get(0).getValue(), (BigInteger) op.get(1).getValue(),
            ((BigInteger) op.get(2).getValue()).longValueExact(), ((BigInteger) op.get(3).getValue()).longValue(),
            minStake, period, registry, config.chainId(), nodeKey.nodeId(), nodeOperator, registeredCaps, open);
      } catch (IOException e) {
        throw ChainCalls.unavailable(config.rpc(), e);
      } catch (RuntimeException e) {
        throw ChainCalls.unreadable(config.rpc(), e);
      }
    }, executor);
  }

  /** 0x and 40 hex digits, lower-cased; INVALID_ARGUMENT naming {@code field} otherwise. */
  public static String requireAddress(String field, String text) {
    if (text == null || !ADDRESS.matcher(text).matches()) {
      throw NodeException.invalidField(field, "must be an address of 0x and 40 hex digits, was '" + text + "'");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings("rawtypes")
  private List<Type> call(Function function) throws IOException {
    return reader.call(function);
  }

  /** How long a slash may wait to reach the journal; one that did not is sent again at the next start. */
  private static final java.time.Duration SLASH_WITHIN = java.time.Duration.ofMinutes(1);

  private static long deadline() {
    return System.nanoTime() + SUBMIT_WITHIN.toNanos();
  }

  private TxSender signer() {
    TxSender s = sender;
    if (s == null) {
      throw new NodeException(ErrorCode.FAILED_PRECONDITION, "this node holds no operator account: start it with"
          + " --operator-keystore (and its password in HANZO_OPERATOR_PASSWORD or --operator-password-file)");
    }
    return s;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    reads.shutdownNow();
    try {
      executor.awaitTermination(config.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
