package ai.hanzo.node.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** The tests' hands on the chain: deploy the registry, send EIP-1559 transactions to it, call it, read reverts. */
public final class RegistryTxs {
  static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);
  static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);
  static final BigInteger MAX_FEE = BigInteger.valueOf(100_000_000_000L);

  private final Web3jService service;
  private final Web3j web3j;
  private final long chainId;
  private String registry;

  public RegistryTxs(Anvil anvil) {
    this.service = new JdkHttpService(anvil.rpc(), java.time.Duration.ofSeconds(10));
    this.web3j = Web3j.build(service);
    this.chainId = anvil.chainId();
  }

  /** Deploys the committed bytecode; the registry's address. */
  public String deploy(Credentials deployer, BigInteger minStake, long unbondingSeconds, String slasher) throws Exception {
    String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(minStake), new Uint64(unbondingSeconds),
        new Address(slasher)));
    EthSendTransaction sent = new RawTransactionManager(web3j, deployer, chainId).sendEIP1559Transaction(chainId,
        PRIORITY_FEE, MAX_FEE, GAS_LIMIT, null, RegistryArtifacts.bytecode() + args, BigInteger.ZERO, true);
    TransactionReceipt receipt = receipt(sent);
    if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
      throw new IOException("deployment failed: " + receipt);
    }
    registry = receipt.getContractAddress();
    return registry;
  }

  public String registry() {
    return registry;
  }

  /** Sends {@code function} to the registry from {@code from} and waits for its receipt, whatever its status. */
  TransactionReceipt send(Credentials from, Function function, BigInteger value) throws Exception {
    EthSendTransaction sent = new RawTransactionManager(web3j, from, chainId).sendEIP1559Transaction(chainId,
        PRIORITY_FEE, MAX_FEE, GAS_LIMIT, registry, FunctionEncoder.encode(function), value);
    return receipt(sent);
  }

  @SuppressWarnings("rawtypes")
  public List<Type> call(Function function) throws IOException {
    EthCall answer = web3j.ethCall(Transaction.createEthCallTransaction(null, registry,
        FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send();
    if (answer.hasError() || answer.isReverted()) {
      throw new IOException("call " + function.getName() + " failed: " + answer.getRevertReason());
    }
    return FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
  }

  /** The revert data (custom error selector and arguments) of {@code function} simulated from {@code from}. */
  String revertData(String from, Function function, BigInteger value) throws IOException {
    EthCall answer = web3j.ethCall(Transaction.createFunctionCallTransaction(from, null, null, GAS_LIMIT, registry,
        value, FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send();
    if (!answer.hasError()) {
      throw new AssertionError(function.getName() + " did not revert: " + answer.getValue());
    }
    Object data = answer.getError().getData();
    return data == null ? "" : data.toString().replace("\"", "");
  }

  /** The 4-byte selector of a custom error or function signature, 0x-prefixed. */
  static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  public BigInteger balance(String address) throws IOException {
    return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
  }

  /** Moves the chain's clock on and mines a block at the new time (anvil's evm_increaseTime and evm_mine). */
  public void advanceTime(long seconds) throws IOException {
    new org.web3j.protocol.core.Request<>("evm_increaseTime", List.of(seconds), service,
        org.web3j.protocol.core.methods.response.VoidResponse.class).send();
    new org.web3j.protocol.core.Request<>("evm_mine", List.of(), service,
        org.web3j.protocol.core.methods.response.VoidResponse.class).send();
  }

  private TransactionReceipt receipt(EthSendTransaction sent) throws Exception {
    if (sent.hasError()) {
      throw new IOException("the chain refused the transaction: " + sent.getError().getMessage());
    }
    return new PollingTransactionReceiptProcessor(web3j, 50, 600).waitForTransactionReceipt(
        sent.getTransactionHash());
  }
}
