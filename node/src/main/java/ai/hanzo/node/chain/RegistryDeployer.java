package ai.hanzo.node.chain;

import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.OperatorKeystore;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Deploys the committed OperatorRegistry bytecode to a (development) chain from the keystore's account, for
 * {@code hanzo-node operator deploy-contracts}. A one-off client command: it journals nothing and waits for the
 * receipt itself.
 */
public final class RegistryDeployer {
  /** Where a deployment was made. */
  public record Deployed(String registry, String deployer, String txHash, long block) {}

  private RegistryDeployer() {}

  /**
   * @param rpcTimeout the most one JSON-RPC call may take ({@code --chain-rpc-timeout})
   * @param slasher the registry's slasher, or empty for the deployer
   * @throws ConfigException when the RPC serves another chain id or the keystore does not open
   * @throws IOException when the RPC does not answer, refuses the deployment or it fails
   */
  public static Deployed deploy(URI rpc, long chainId, Duration rpcTimeout, OperatorKeystore keystore, BigInteger minStake,
      long unbondingSeconds, String slasher) throws IOException {
    Credentials deployer = OperatorWallet.open(keystore);
    Web3j web3j = Web3j.build(new JdkHttpService(rpc, rpcTimeout));
    try {
      BigInteger answered = ChainCalls.answer(web3j.ethChainId().send(), "eth_chainId").getChainId();
      if (!BigInteger.valueOf(chainId).equals(answered)) {
        throw new ConfigException("--chain-id " + chainId + " does not match the chain at "
            + ChainFollower.redacted(rpc) + ", which answers chain id " + answered);
      }
      String from = deployer.getAddress();
      String code = RegistryArtifacts.bytecode() + FunctionEncoder.encodeConstructor(List.of(new Uint256(minStake),
          new Uint64(unbondingSeconds), new Address(slasher.isEmpty() ? from : slasher)));
      EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createContractTransaction(from, null, null,
          code)).send();
      if (estimate.hasError()) {
        throw new IOException("the chain refuses the deployment: " + estimate.getError().getMessage());
      }
      BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
      FeeOracle.Fees fees = new FeeOracle(web3j).next();
      BigInteger nonce = ChainCalls.answer(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING)
          .send(), "eth_getTransactionCount").getTransactionCount();
      RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit, "", BigInteger.ZERO, code,
          fees.maxPriorityFee(), fees.maxFee());
      EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(
          TransactionEncoder.signMessage(tx, deployer))).send();
      if (sent.hasError()) {
        throw new IOException("the chain refused the deployment: " + sent.getError().getMessage());
      }
      TransactionReceipt receipt;
      try {
        receipt = new PollingTransactionReceiptProcessor(web3j, 250, 480)
            .waitForTransactionReceipt(sent.getTransactionHash());
      } catch (TransactionException e) {
        throw new IOException("the deployment " + sent.getTransactionHash() + " was not mined within 2 minutes");
      }
      if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
        throw new IOException("the deployment " + receipt.getTransactionHash() + " failed in block "
            + receipt.getBlockNumber());
      }
      return new Deployed(receipt.getContractAddress().toLowerCase(Locale.ROOT), from, receipt.getTransactionHash(),
          receipt.getBlockNumber().longValueExact());
    } finally {
      web3j.shutdown();
    }
  }
}
