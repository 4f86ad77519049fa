package ai.hanzo.node.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthFeeHistory;
import org.web3j.protocol.core.methods.response.EthMaxPriorityFeePerGas;

/**
 * EIP-1559 fees for the next transaction. The tip is what the RPC suggests ({@code eth_maxPriorityFeePerGas}),
 * else the median tip of the last blocks ({@code eth_feeHistory}), else 1 gwei; the fee cap is twice the next
 * block's base fee plus the tip, which stays valid through six full blocks of base fee rises (12.5% each), so a
 * transaction does not get stuck behind a short burst.
 */
final class FeeOracle {
  static final BigInteger DEFAULT_TIP = BigInteger.valueOf(1_000_000_000L);
  private static final int HISTORY_BLOCKS = 5;

  record Fees(BigInteger maxPriorityFee, BigInteger maxFee) {}

  private final Web3j web3j;
  private final Executor reads;

  /** Asks its two calls one after the other. */
  FeeOracle(Web3j web3j) {
    this(web3j, Runnable::run);
  }

  /** Asks the suggested tip on {@code reads} while it asks the fee history: one round trip to the RPC, not two. */
  FeeOracle(Web3j web3j, Executor reads) {
    this.web3j = web3j;
    this.reads = reads;
  }

  Fees next() throws IOException {
    CompletableFuture<java.util.Optional<BigInteger>> suggested = ChainCalls.start(this::suggestedTip, reads);
    EthFeeHistory history = web3j.ethFeeHistory(HISTORY_BLOCKS, DefaultBlockParameterName.LATEST,
        List.of(50.0)).send();
    BigInteger baseFee = null;
    List<BigInteger> tips = new ArrayList<>();
    if (!history.hasError() && history.getFeeHistory() != null) {
      List<BigInteger> baseFees = history.getFeeHistory().getBaseFeePerGas();
      if (baseFees != null && !baseFees.isEmpty()) {
        baseFee = baseFees.get(baseFees.size() - 1); // the block after the newest: the one we aim for
      }
      List<List<BigInteger>> rewards = history.getFeeHistory().getReward();
      if (rewards != null) {
        rewards.stream().filter(r -> !r.isEmpty()).map(r -> r.get(0)).filter(t -> t.signum() > 0)
            .forEach(tips::add);
      }
    }
    if (baseFee == null) {
      baseFee = latestBaseFee();
    }
    BigInteger tip = ChainCalls.await(suggested).orElseGet(() -> median(tips).orElse(DEFAULT_TIP));
    return new Fees(tip, baseFee.shiftLeft(1).add(tip));
  }

  private java.util.Optional<BigInteger> suggestedTip() throws IOException {
    EthMaxPriorityFeePerGas answer = web3j.ethMaxPriorityFeePerGas().send();
    if (answer.hasError() || answer.getResult() == null) {
      return java.util.Optional.empty();
    }
    BigInteger tip = answer.getMaxPriorityFeePerGas();
    return tip.signum() > 0 ? java.util.Optional.of(tip) : java.util.Optional.empty();
  }

  /** Chains without eth_feeHistory: the latest block's base fee, else the legacy gas price. */
  private BigInteger latestBaseFee() throws IOException {
    EthBlock block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
    if (!block.hasError() && block.getBlock() != null && block.getBlock().getBaseFeePerGasRaw() != null) {
      return block.getBlock().getBaseFeePerGas();
    }
    var price = web3j.ethGasPrice().send();
    if (price.hasError()) {
      throw new IOException("the RPC answers neither eth_feeHistory nor eth_gasPrice: "
          + price.getError().getMessage());
    }
    return price.getGasPrice();
  }

  private static java.util.Optional<BigInteger> median(List<BigInteger> values) {
    if (values.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<BigInteger> sorted = values.stream().sorted().toList();
    return java.util.Optional.of(sorted.get(sorted.size() / 2));
  }
}
