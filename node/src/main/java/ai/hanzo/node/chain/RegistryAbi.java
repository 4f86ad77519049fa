package ai.hanzo.node.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The calls of {@code contracts/OperatorRegistry.sol} the node makes, ABI-encoded, and its custom errors turned into
 * sentences an operator can act on.
 */
final class RegistryAbi {
  /** {@code OperatorRegistry.BINDING_DOMAIN}. */
  static final byte[] BINDING_DOMAIN = "hanzo-node/operator-binding/v1".getBytes(StandardCharsets.US_ASCII);

  private RegistryAbi() {}

  static org.web3j.abi.datatypes.Function register(String nodeId, byte[] peerId, String endpoint,
      byte[] capabilitiesHash, byte[] peerSignature) {
    return new org.web3j.abi.datatypes.Function("register", List.of(new Utf8String(nodeId),
        new DynamicBytes(peerId), new Utf8String(endpoint), new Bytes32(capabilitiesHash),
        new DynamicBytes(peerSignature)), List.of());
  }

  static org.web3j.abi.datatypes.Function increaseStake() {
    return new org.web3j.abi.datatypes.Function("increaseStake", List.of(), List.of());
  }

  static org.web3j.abi.datatypes.Function requestDecrease(BigInteger amount) {
    return new org.web3j.abi.datatypes.Function("requestDecrease", List.of(new Uint256(amount)), List.of());
  }

  static org.web3j.abi.datatypes.Function exit() {
    return new org.web3j.abi.datatypes.Function("exit", List.of(), List.of());
  }

  static org.web3j.abi.datatypes.Function withdraw() {
    return new org.web3j.abi.datatypes.Function("withdraw", List.of(), List.of());
  }

  static org.web3j.abi.datatypes.Function getOperator(String operator) {
    return new org.web3j.abi.datatypes.Function("getOperator", List.of(new Address(operator)), List.of(
        new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint64>() {},
        new TypeReference<Uint32>() {}));
  }

  static org.web3j.abi.datatypes.Function getNode(String nodeId) {
    return new org.web3j.abi.datatypes.Function("getNode", List.of(new Utf8String(nodeId)), List.of(
        new TypeReference<Address>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Utf8String>() {},
        new TypeReference<Bytes32>() {}, new TypeReference<DynamicBytes>() {}));
  }

  static org.web3j.abi.datatypes.Function operatorOfPeer(byte[] peerId) {
    return new org.web3j.abi.datatypes.Function("operatorOfPeer", List.of(new DynamicBytes(peerId)),
        List.of(new TypeReference<Address>() {}));
  }

  static org.web3j.abi.datatypes.Function slash(String operator, int shareBps, String reason) {
    return new org.web3j.abi.datatypes.Function("slash", List.of(new Address(operator), new Uint16(shareBps),
        new Utf8String(reason)), List.of());
  }

  static org.web3j.abi.datatypes.Function deregister(String nodeId) {
    return new org.web3j.abi.datatypes.Function("deregister", List.of(new Utf8String(nodeId)), List.of());
  }

  static org.web3j.abi.datatypes.Function minStake() {
    return new org.web3j.abi.datatypes.Function("minStake", List.of(), List.of(new TypeReference<Uint256>() {}));
  }

  static org.web3j.abi.datatypes.Function unbondingPeriod() {
    return new org.web3j.abi.datatypes.Function("unbondingPeriod", List.of(),
        List.of(new TypeReference<Uint64>() {}));
  }

  /**
   * {@code bindingMessage(operator)} as the contract computes it: {@code abi.encodePacked(BINDING_DOMAIN, operator,
   * block.chainid, address(this))}; the node's libp2p key signs exactly these bytes.
   */
  static byte[] bindingMessage(String operator, long chainId, String registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(BINDING_DOMAIN);
    out.writeBytes(Numeric.hexStringToByteArray(operator));
    out.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(chainId), 32));
    out.writeBytes(Numeric.hexStringToByteArray(registry));
    return out.toByteArray();
  }

  private record CustomError(List<TypeReference<?>> arguments, Function<List<Type>, String> explain) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Map<String, CustomError> ERRORS = Map.ofEntries(
      error("StakeBelowMinimum(uint256,uint256)", List.of(new TypeReference<Uint256>() {},
          new TypeReference<Uint256>() {}), a -> "the stake would be " + a.get(0).getValue()
          + " wei, below the registry's minimum of " + a.get(1).getValue() + " wei"),
      error("NodeIdInvalid()", List.of(), a -> "the node id must be 1 to 128 bytes"),
      error("NodeAlreadyRegistered(string)", List.of(new TypeReference<Utf8String>() {}),
          a -> "node '" + a.get(0).getValue() + "' is already registered"),
      error("PeerIdInvalid()", List.of(), a -> "the PeerId must be 1 to 64 bytes"),
      error("PeerIdAlreadyRegistered(bytes)", List.of(new TypeReference<DynamicBytes>() {}),
          a -> "this node's PeerId is already registered (under this node id or another)"),
      error("EndpointTooLong()", List.of(), a -> "the endpoint is longer than 256 bytes"),
      error("SignatureInvalid()", List.of(), a -> "the PeerId binding signature must be 64 bytes"),
      error("NotNodeOperator(string)", List.of(new TypeReference<Utf8String>() {}),
          a -> "node '" + a.get(0).getValue() + "' is not registered under this operator"),
      error("AmountInvalid(uint256,uint256)", List.of(new TypeReference<Uint256>() {},
          new TypeReference<Uint256>() {}), a -> "the amount " + a.get(0).getValue()
          + " wei must be at least 1 wei and at most the stake of " + a.get(1).getValue() + " wei"),
      error("NodesStillRegistered(uint32)", List.of(new TypeReference<Uint32>() {}),
          a -> "the operator still has " + a.get(0).getValue() + " node(s) registered; an exit needs none"
              + " (a decrease keeps the minimum stake instead)"),
      error("NothingToWithdraw()", List.of(), a -> "nothing is unbonding, so there is nothing to withdraw"),
      error("StillUnbonding(uint64)", List.of(new TypeReference<Uint64>() {}),
          a -> "the stake is unbonding until " + Instant.ofEpochSecond(
              ((BigInteger) a.get(0).getValue()).longValueExact()) + " (chain time)"),
      error("TransferFailed()", List.of(), a -> "the registry could not pay the operator"));

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map.Entry<String, CustomError> error(String signature, List<? extends TypeReference<?>> args,
      Function<List<Type>, String> explain) {
    return Map.entry(Hash.sha3String(signature).substring(0, 10), new CustomError((List) args, explain));
  }

  /** Why the registry reverted, from the revert data (a custom error's selector and arguments). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static String explainRevert(String revertData) {
    String data = revertData == null ? "" : revertData.strip().replace("\"", "");
    if (data.length() < 10) {
      return "the registry refused the transaction";
    }
    CustomError known = ERRORS.get(data.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
    if (known == null) {
      return "the registry refused the transaction (revert data " + (data.length() > 74 ? data.substring(0, 74)
          + "..." : data) + ")";
    }
    try {
      List<Type> args = known.arguments().isEmpty() ? List.of()
          : FunctionReturnDecoder.decode("0x" + data.substring(10), (List) known.arguments());
      return known.explain().apply(args);
    } catch (RuntimeException malformed) {
      return "the registry refused the transaction (revert data " + data.substring(0, 10) + ")";
    }
  }
}
