package ai.hanzo.node.chain;

import java.io.IOException;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** The registry's views, called at the latest block and decoded by their ABI; on the caller's thread. */
final class RegistryReader {
  /** {@code operatorOfPeer} of a PeerId bound to nobody. */
  static final String NO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private final Web3j web3j;
  private final String registry;

  RegistryReader(Web3j web3j, String registry) {
    this.web3j = web3j;
    this.registry = registry;
  }

  /** The decoded outputs; IOException when the RPC fails, the call reverts or the answer does not fit the ABI. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  List<Type> call(Function function) throws IOException {
    EthCall answer = web3j.ethCall(Transaction.createEthCallTransaction(null, registry,
        FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send();
    if (answer.hasError() || answer.isReverted()) {
      throw new IOException("calling the registry's " + function.getName() + " failed: "
          + (answer.hasError() ? answer.getError().getMessage() : answer.getRevertReason()));
    }
    List<Type> values = FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
    if (values.size() != function.getOutputParameters().size()) {
      throw new IOException("the registry " + registry + " answered " + function.getName()
          + " with something else than its ABI says; is --registry-contract an OperatorRegistry?");
    }
    return values;
  }

  String registry() {
    return registry;
  }
}
