package ai.hanzo.node.chain;

import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.ChainTxRecord;
import ai.hanzo.node.storage.ChainTxStore;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetBalance;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends the operator's transactions: EIP-1559 fees ({@link FeeOracle}), nonces kept by the node, and every signed
 * transaction written to the journal ({@link ChainTxStore}, synced) <em>before</em> it is broadcast. After a crash
 * at any point the journal holds the exact signed bytes, and {@link #start} resumes them: a transaction the chain
 * does not know is rebroadcast byte for byte (the same hash, the same nonce), so it lands at most once, and one
 * already mined is simply found. A new transaction is never signed for an action that is still open.
 *
 * <p>Everything runs on one thread of its own ({@code executor}): submissions and the tracking passes never race
 * over nonces, and no caller's thread (least of all an event loop) waits for the RPC.
 *
 * <p>A transaction this node just broadcast is followed eagerly: its receipt is asked for right after the broadcast
 * (a chain that mines on arrival, as anvil does, has it then), then {@link #FIRST_RETRY} later, then at doubling
 * delays until the delay reaches the poll interval, where the regular passes take over. A chain that mines at once (anvil's automine, a fast L2) answers the caller within milliseconds instead of
 * a poll interval, and an idle node (nothing open) makes no call more than before.
 *
 * <p>The reads a transaction needs before it is signed (balance, simulation, fees, nonce) do not depend on each
 * other, so they are asked all at once on {@code reads}: one round trip to the RPC instead of five in a row. Their
 * answers are still judged on the sender's thread, in the same order as before (funds, then the simulation's
 * refusal, then fees and nonce), so each refusal is the same one.
 */
final class TxSender {
  private static final Logger log = LoggerFactory.getLogger(TxSender.class);

  private final Web3j web3j;
  private final URI rpc;
  private final Credentials credentials;
  private final String from;
  private final long chainId;
  private final int confirmations;
  private final ChainTxStore journal;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final FeeOracle fees;
  private final Executor reads;
  private final Map<String, CompletableFuture<ChainTxRecord>> waiting = new ConcurrentHashMap<>();
  private volatile boolean rpcDown;
  private volatile Duration pollInterval = ai.hanzo.node.config.ChainConfig.DEFAULT_POLL_INTERVAL;

  /** The second receipt check after a broadcast: about what a local chain takes to mine and answer. */
  static final Duration FIRST_RETRY = Duration.ofMillis(4);

  TxSender(Web3j web3j, URI rpc, Credentials credentials, long chainId, int confirmations, ChainTxStore journal,
      Clock clock, ScheduledExecutorService executor, Executor reads) {
    this.web3j = web3j;
    this.rpc = rpc;
    this.credentials = credentials;
    this.from = credentials.getAddress().toLowerCase(Locale.ROOT);
    this.chainId = chainId;
    this.confirmations = confirmations;
    this.journal = journal;
    this.clock = clock;
    this.executor = executor;
    this.reads = reads;
    this.fees = new FeeOracle(web3j, reads);
  }

  String from() {
    return from;
  }

  /** Resumes the journal's open transactions at once, then tracks them once per {@code pollInterval}. */
  void start(Duration pollInterval) {
    this.pollInterval = pollInterval;
    List<ChainTxRecord> open = open();
    if (!open.isEmpty()) {
      log.info("Resuming {} journaled transaction(s) of operator {}: {}", open.size(), from,
          open.stream().map(r -> r.action() + " " + r.hash()).toList());
    }
    executor.scheduleWithFixedDelay(this::track, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The operator's journaled transactions that are not final yet, oldest nonce first. */
  List<ChainTxRecord> open() {
    return journal.list().stream().filter(r -> r.from().equals(from) && TxState.of(r.state()).open())
        .sorted(java.util.Comparator.comparingLong(ChainTxRecord::nonce)).toList();
  }

  /**
   * Simulates the call (a revert or missing funds refuse it with FAILED_PRECONDITION and change nothing), prices
   * and signs it, journals it and broadcasts it; on the sender's thread. The future completes as soon as the
   * transaction is journaled (the broadcast follows, and its refusal completes the outcome as DROPPED), so a
   * broadcast that hangs never holds the caller's answer.
   *
   * @param deadline (a {@link System#nanoTime} value) when the caller stops waiting: a submission that has not
   *     reached the journal by then is abandoned with UNAVAILABLE and nothing is signed or sent, so a caller that
   *     gave up on a slow RPC never finds a transaction sent behind its back
   */
  CompletableFuture<SubmittedTx> submit(String action, String to, BigInteger value, String data,
      boolean oneAtATime, long deadline) {
    CompletableFuture<SubmittedTx> journaled = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          ChainCalls.requireBefore(deadline, rpc, "the " + action + " waited for earlier chain calls too long");
          if (oneAtATime) {
            // A second register (or exit, withdraw) while the first is in flight would only revert and cost gas.
            open().stream().filter(r -> r.action().equals(action)).findFirst().ifPresent(r -> {
              throw ChainCalls.precondition("a " + action + " of operator " + from + " is already on its way:"
                  + " transaction " + r.hash() + " is " + r.state() + "; the operator's status shows when it is"
                  + " final");
            });
          }
          send(action, to, value, data, deadline, journaled);
        } catch (IOException e) {
          journaled.completeExceptionally(ChainCalls.unavailable(rpc, e));
        } catch (RuntimeException e) {
          journaled.completeExceptionally(ChainCalls.unreadable(rpc, e));
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      journaled.completeExceptionally(new NodeException(ai.hanzo.node.error.ErrorCode.UNAVAILABLE,
          "the node is stopping; nothing was sent"));
    }
    return journaled;
  }

  private void send(String action, String to, BigInteger value, String data, long deadline,
      CompletableFuture<SubmittedTx> journaled) throws IOException {
    // All at once (see the class comment); what they answer is judged below in the order of the checks.
    CompletableFuture<EthGetBalance> balanceAnswer = ChainCalls.start(() -> web3j.ethGetBalance(from,
        DefaultBlockParameterName.PENDING).send(), reads);
    CompletableFuture<EthEstimateGas> estimateAnswer = ChainCalls.start(() -> web3j.ethEstimateGas(
        Transaction.createFunctionCallTransaction(from, null, null, null, to, value, data)).send(), reads);
    CompletableFuture<FeeOracle.Fees> priceAnswer = ChainCalls.start(fees::next, reads);
    CompletableFuture<EthGetTransactionCount> countAnswer = ChainCalls.start(() -> web3j.ethGetTransactionCount(
        from, DefaultBlockParameterName.PENDING).send(), reads);
    BigInteger balance = ChainCalls.uint(ChainCalls.answer(ChainCalls.await(balanceAnswer), "eth_getBalance")
        .getBalance(), 256, "a balance");
    if (balance.compareTo(value) < 0) {
      throw insufficientFunds(balance, value);
    }
    BigInteger gas = ChainCalls.uint(estimatedGas(ChainCalls.await(estimateAnswer)), 64, "a gas estimate");
    // Estimates are exact for the state they ran on; a margin covers small changes before the block.
    BigInteger gasLimit = gas.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5))
        .add(BigInteger.valueOf(10_000));
    FeeOracle.Fees price = ChainCalls.await(priceAnswer);
    ChainCalls.uint(price.maxPriorityFee(), 256, "a priority fee");
    ChainCalls.uint(price.maxFee(), 256, "a fee cap");
    BigInteger worst = value.add(gasLimit.multiply(price.maxFee()));
    if (balance.compareTo(worst) < 0) {
      throw insufficientFunds(balance, worst);
    }
    // EIP-2681 keeps nonces below 2^64 - 1; the journal keeps them as a long, far above any real account's.
    BigInteger nonce = ChainCalls.uint(nextNonce(ChainCalls.await(countAnswer)), 63, "a nonce");
    RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, value, data,
        price.maxPriorityFee(), price.maxFee());
    String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials));
    String hash = Hash.sha3(raw).toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    ChainTxRecord record = new ChainTxRecord(hash, from, nonce.longValueExact(), action, value.toString(), raw,
        TxState.PENDING.name(), 0, "", now, now);
    // The last moment to give up: past it the caller has stopped waiting, and a transaction journaled now would
    // be sent behind its back.
    ChainCalls.requireBefore(deadline, rpc, "the chain calls before the " + action + " took too long");
    // The crash-safety point: from here on the node knows this transaction exists and will never sign another
    // one in its place. Journaled after the broadcast instead, a crash in between would lose it.
    journal.put(record);
    CompletableFuture<ChainTxRecord> outcome = waiting.computeIfAbsent(hash, h -> new CompletableFuture<>());
    journaled.complete(new SubmittedTx(record, outcome));
    log.info("Sending {} of operator {}: transaction {} (nonce {}, {} wei, gas limit {}, max fee {} wei/gas)",
        action, from, hash, nonce, value, gasLimit, price.maxFee());
    try {
      Optional<String> refused = broadcast(record);
      if (refused.isPresent()) {
        ChainTxRecord dropped = finish(record, TxState.DROPPED, 0, "the RPC refused it: " + refused.get());
        log.warn("The chain refused the {} transaction {}: {}", action, hash, dropped.detail());
        return;
      }
      followEagerly(hash, 0);
    } catch (IOException | RuntimeException e) {
      // Journaled but maybe not broadcast (no answer, or one the node cannot read): the next tracking pass
      // rebroadcasts the same bytes.
      rpcDown = true;
      log.warn("Broadcasting transaction {} failed ({}); it stays journaled and is sent again once the RPC"
          + " answers", hash, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /** Checks {@code hash} again in {@code delayMillis}, on the sender's thread (see the class comment). */
  private void followEagerly(String hash, long delayMillis) {
    try {
      executor.schedule(() -> checkEagerly(hash, delayMillis), delayMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // The node is stopping: the journal holds the transaction, and the next start follows it.
    }
  }

  private void checkEagerly(String hash, long delayMillis) {
    Optional<ChainTxRecord> record = journal.get(hash).filter(r -> TxState.of(r.state()).open());
    if (record.isEmpty()) {
      return;
    }
    try {
      trackOne(record.get(), new Head());
    } catch (IOException | RuntimeException e) {
      // The regular pass retries it and reports an RPC that stays away; no burst of eager retries against it.
      return;
    }
    long next = Math.max(FIRST_RETRY.toMillis(), delayMillis * 2);
    if (next < pollInterval.toMillis() && journal.get(hash).filter(r -> TxState.of(r.state()).open()).isPresent()) {
      followEagerly(hash, next);
    }
  }

  /**
   * The chain's head, asked for once and only when a receipt needs it: a check that finds no receipt yet costs one
   * call, not two.
   */
  private final class Head {
    private long number = -1;

    long number() throws IOException {
      if (number < 0) {
        number = ChainCalls.answer(web3j.ethBlockNumber().send(), "eth_blockNumber").getBlockNumber()
            .longValueExact();
      }
      return number;
    }
  }

  private NodeException insufficientFunds(BigInteger balance, BigInteger needed) {
    return ChainCalls.precondition("insufficient funds: operator " + from + " holds " + balance
        + " wei, and this transaction needs up to " + needed + " wei (amount plus the most its gas may cost)");
  }

  /** The simulation's gas, or its refusal (a revert, missing funds) as FAILED_PRECONDITION. */
  private BigInteger estimatedGas(EthEstimateGas estimate) throws IOException {
    if (estimate.hasError()) {
      Object revert = estimate.getError().getData();
      String message = String.valueOf(estimate.getError().getMessage());
      if (revert != null && revert.toString().replace("\"", "").startsWith("0x")) {
        throw ChainCalls.precondition(RegistryAbi.explainRevert(revert.toString()));
      }
      if (message.toLowerCase(Locale.ROOT).contains("insufficient funds")) {
        throw ChainCalls.precondition("insufficient funds: operator " + from + " cannot pay this transaction ("
            + message + ")");
      }
      if (message.toLowerCase(Locale.ROOT).contains("revert")) {
        throw ChainCalls.precondition("the registry refused the transaction: " + message);
      }
      throw new IOException("eth_estimateGas: " + message);
    }
    return estimate.getAmountUsed();
  }

  /**
   * The chain's pending count, but never below the journal's open transactions: those may not have reached this
   * RPC yet (it restarted, or the broadcast failed), and their nonces are taken.
   */
  private BigInteger nextNonce(EthGetTransactionCount pendingCount) throws IOException {
    BigInteger onChain = ChainCalls.answer(pendingCount, "eth_getTransactionCount").getTransactionCount();
    long journaled = open().stream().mapToLong(r -> r.nonce() + 1).max().orElse(0);
    return onChain.max(BigInteger.valueOf(journaled));
  }

  /** Empty when the RPC took it (or already had it); the RPC's reason when it refused it for good. */
  private Optional<String> broadcast(ChainTxRecord record) throws IOException {
    EthSendTransaction sent = web3j.ethSendRawTransaction(record.rawHex()).send();
    if (!sent.hasError()) {
      return Optional.empty();
    }
    String message = String.valueOf(sent.getError().getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("already known") || lower.contains("already imported") || lower.contains("known transaction")
        || lower.contains("already exists")) {
      return Optional.empty();
    }
    if (lower.contains("nonce too low") || lower.contains("nonce is too low")) {
      // Either this very transaction was mined already (the tracker finds its receipt) or another one of the
      // same nonce was: only a receipt tells, so the tracker decides.
      return Optional.empty();
    }
    return Optional.of(message);
  }

  /**
   * A reorg took the blocks above {@code ancestor} off the chain: this operator's transactions that were final in
   * one of them (CONFIRMED or REVERTED) are followed again as PENDING. The next tracking pass finds each one's new
   * receipt, or, when the chain no longer knows it, rebroadcasts exactly its journaled bytes (same hash and nonce,
   * so it lands once). On the sender's thread.
   */
  void reorged(long ancestor) {
    for (ChainTxRecord record : journal.list()) {
      TxState state = TxState.of(record.state());
      if (record.from().equals(from) && (state == TxState.CONFIRMED || state == TxState.REVERTED)
          && record.blockNumber() > ancestor) {
        log.warn("Transaction {} ({}) was {} in block {}, which left the chain in a reorg; following it again",
            record.hash(), record.action(), state, record.blockNumber());
        update(record, TxState.PENDING, 0, "block " + record.blockNumber() + " left the chain in a reorg");
      }
    }
    track();
  }

  /** One pass over the open transactions: rebroadcast what the chain does not know, settle what is final. */
  void track() {
    List<ChainTxRecord> open = open();
    if (open.isEmpty()) {
      return;
    }
    try {
      // Asked first, even without a receipt to compare: this call is also how a pass notices the RPC is back.
      Head head = new Head();
      head.number();
      for (ChainTxRecord record : open) {
        trackOne(record, head);
      }
      if (rpcDown) {
        rpcDown = false;
        log.info("The chain RPC answers again; tracking {} open transaction(s)", open.size());
      }
    } catch (IOException | RuntimeException e) {
      if (!rpcDown) {
        log.warn("Tracking the operator's transactions failed ({}); retrying every poll", e.getMessage());
      }
      rpcDown = true;
    }
  }

  private void trackOne(ChainTxRecord record, Head head) throws IOException {
    Optional<TransactionReceipt> receipt = ChainCalls.answer(web3j.ethGetTransactionReceipt(record.hash()).send(),
        "eth_getTransactionReceipt").getTransactionReceipt();
    if (receipt.isEmpty() || receipt.get().getBlockNumberRaw() == null) {
      if (TxState.of(record.state()) == TxState.MINED) {
        // Its block is no longer on the chain (a reorg): it is pending again, and may need sending again.
        log.warn("Transaction {} left block {} (a reorg); waiting for it again", record.hash(),
            record.blockNumber());
        record = update(record, TxState.PENDING, 0, "left block " + record.blockNumber() + " in a reorg");
      }
      boolean known = ChainCalls.answer(web3j.ethGetTransactionByHash(record.hash()).send(),
          "eth_getTransactionByHash").getTransaction().isPresent();
      if (!known) {
        resend(record);
      }
      return;
    }
    long block = receipt.get().getBlockNumber().longValueExact();
    if (confirmations == 0 || head.number() - block >= confirmations) {
      boolean ok = receipt.get().isStatusOK();
      finish(record, ok ? TxState.CONFIRMED : TxState.REVERTED, block,
          ok ? "" : "reverted in block " + block + " (the registry refused it when it ran; nothing changed)");
      log.info("Transaction {} ({}) is {} in block {}", record.hash(), record.action(),
          ok ? "confirmed" : "REVERTED", block);
    } else if (TxState.of(record.state()) != TxState.MINED || record.blockNumber() != block) {
      update(record, TxState.MINED, block, "");
    }
  }

  private void resend(ChainTxRecord record) throws IOException {
    log.info("Rebroadcasting journaled transaction {} ({}, nonce {}): the chain does not know it", record.hash(),
        record.action(), record.nonce());
    EthSendTransaction sent = web3j.ethSendRawTransaction(record.rawHex()).send();
    if (!sent.hasError()) {
      return;
    }
    String message = String.valueOf(sent.getError().getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("nonce too low") || lower.contains("nonce is too low")) {
      // The nonce is used and this transaction has no receipt: another transaction took the nonce.
      finish(record, TxState.DROPPED, 0, "nonce " + record.nonce() + " was used by another transaction of " + from);
    } else if (!lower.contains("already known") && !lower.contains("known transaction")) {
      log.warn("The RPC refuses to take transaction {} again: {}", record.hash(), message);
    }
  }

  private ChainTxRecord update(ChainTxRecord record, TxState state, long block, String detail) {
    ChainTxRecord updated = record.withState(state.name(), block, detail, clock.instant());
    journal.put(updated);
    return updated;
  }

  private ChainTxRecord finish(ChainTxRecord record, TxState state, long block, String detail) {
    ChainTxRecord done = update(record, state, block, detail);
    CompletableFuture<ChainTxRecord> waiter = waiting.remove(record.hash());
    if (waiter != null) {
      waiter.complete(done);
    }
    return done;
  }
}
