package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.peer.PeerId;
import ai.hanzo.testing.RandomCases;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * The operator registry on a real anvil chain, deployed from the committed bytecode: registration with stake and
 * the PeerId binding, the minimum stake, unbonding and withdrawal, slashing.
 */
class OperatorRegistryIT {
  private static final BigInteger ETHER = Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact();
  private static final BigInteger MIN_STAKE = ETHER;
  private static final long UNBONDING = 7 * 24 * 3600;

  private Anvil anvil;
  private RegistryTxs txs;
  private Credentials operator;
  private Credentials slasher;

  @BeforeAll
  static void contracts() {
    Contracts.assumeAvailable();
  }

  @BeforeEach
  void deploy() throws Exception {
    anvil = Anvil.start();
    txs = new RegistryTxs(anvil);
    operator = anvil.account(1);
    slasher = anvil.account(9);
    txs.deploy(anvil.account(0), MIN_STAKE, UNBONDING, slasher.getAddress());
  }

  @AfterEach
  void stop() throws Exception {
    if (anvil != null) {
      anvil.close();
    }
  }

  @Test
  void aNodeRegisteredWithStakeReadsBackWithAPeerIdBindingThatVerifiesOffChain() throws Exception {
    RandomCases.forAll(1, gen -> {
      Ed25519PrivateKey nodeKey = Ed25519PrivateKey.fromSeed(gen.exactly(32));
      PeerId peerId = PeerId.fromPublicKey(nodeKey.publicKey());
      byte[] message = bindingMessage(operator.getAddress(), anvil.chainId(), txs.registry());
      assertThat(Numeric.toHexString(((DynamicBytes) txs.call(new Function("bindingMessage",
          List.of(new Address(operator.getAddress())), List.of(new TypeReference<DynamicBytes>() {}))).get(0))
          .getValue())).as("the contract's binding message is the documented one")
          .isEqualTo(Numeric.toHexString(message));
      byte[] caps = gen.exactly(32);

      TransactionReceipt receipt = txs.send(operator, register("node-a", peerId.toBytes(), "grpc://10.0.0.1:50051",
          caps, nodeKey.sign(message)), ETHER.multiply(BigInteger.TWO));
      assertThat(receipt.isStatusOK()).as(receipt.toString()).isTrue();
      assertThat(receipt.getLogs()).as("StakeIncreased and NodeRegistered").hasSize(2);

      List<Type> op = operatorState(operator.getAddress());
      assertThat(op.get(0).getValue()).as("stake").isEqualTo(ETHER.multiply(BigInteger.TWO));
      assertThat(op.get(3).getValue()).as("nodes").isEqualTo(BigInteger.ONE);

      List<Type> node = txs.call(new Function("getNode", List.of(new Utf8String("node-a")), List.of(
          new TypeReference<Address>() {}, new TypeReference<DynamicBytes>() {}, new TypeReference<Utf8String>() {},
          new TypeReference<Bytes32>() {}, new TypeReference<DynamicBytes>() {})));
      assertThat(node.get(0).getValue()).isEqualTo(operator.getAddress());
      assertThat((byte[]) node.get(1).getValue()).isEqualTo(peerId.toBytes());
      assertThat(node.get(2).getValue()).isEqualTo("grpc://10.0.0.1:50051");
      assertThat((byte[]) node.get(3).getValue()).isEqualTo(caps);
      // What any reader does: the PeerId inlines the Ed25519 key, which must have signed the binding.
      PeerId stored = PeerId.fromBytes((byte[]) node.get(1).getValue());
      assertThat(stored.publicKey().orElseThrow().verify(message, (byte[]) node.get(4).getValue())).isTrue();
      assertThat(stored.publicKey().orElseThrow().verify(
          bindingMessage(anvil.account(2).getAddress(), anvil.chainId(), txs.registry()),
          (byte[]) node.get(4).getValue())).as("the binding names its operator").isFalse();

      assertThat(txs.call(new Function("operatorOfPeer", List.of(new DynamicBytes(peerId.toBytes())),
          List.of(new TypeReference<Address>() {}))).get(0).getValue()).isEqualTo(operator.getAddress());
      assertThat(txs.revertData(anvil.account(2).getAddress(), register("node-b", peerId.toBytes(), "", caps,
          nodeKey.sign(message)), ETHER)).as("a PeerId registers once")
          .startsWith(RegistryTxs.selector("PeerIdAlreadyRegistered(bytes)"));
    });
  }

  @Test
  void aStakeBelowTheMinimumIsRefusedAndChangesNothing() throws Exception {
    Function below = register("node-low", new byte[38], "", new byte[32], new byte[64]);
    BigInteger half = ETHER.divide(BigInteger.TWO);
    assertThat(txs.revertData(operator.getAddress(), below, half))
        .startsWith(RegistryTxs.selector("StakeBelowMinimum(uint256,uint256)"));
    TransactionReceipt receipt = txs.send(operator, below, half);
    assertThat(receipt.isStatusOK()).as("mined but reverted").isFalse();
    List<Type> op = operatorState(operator.getAddress());
    assertThat(op.get(0).getValue()).as("stake").isEqualTo(BigInteger.ZERO);
    assertThat(op.get(3).getValue()).as("nodes").isEqualTo(BigInteger.ZERO);
  }

  @Test
  void aDecreaseUnbondsAndIsWithdrawnOnlyAfterTheUnbondingPeriod() throws Exception {
    assertThat(txs.send(operator, register("node-u", new byte[38], "", new byte[32], new byte[64]),
        ETHER.multiply(BigInteger.valueOf(3))).isStatusOK()).isTrue();
    assertThat(txs.revertData(operator.getAddress(), decrease(ETHER.multiply(BigInteger.valueOf(3))),
        BigInteger.ZERO)).as("a node needs the minimum left")
        .startsWith(RegistryTxs.selector("StakeBelowMinimum(uint256,uint256)"));
    assertThat(txs.send(operator, decrease(ETHER.multiply(BigInteger.TWO)), BigInteger.ZERO).isStatusOK()).isTrue();
    List<Type> op = operatorState(operator.getAddress());
    assertThat(op.get(0).getValue()).as("stake").isEqualTo(ETHER);
    assertThat(op.get(1).getValue()).as("unbonding").isEqualTo(ETHER.multiply(BigInteger.TWO));

    Function withdraw = new Function("withdraw", List.of(), List.of());
    assertThat(txs.revertData(operator.getAddress(), withdraw, BigInteger.ZERO))
        .startsWith(RegistryTxs.selector("StillUnbonding(uint64)"));
    txs.advanceTime(UNBONDING - 60);
    assertThat(txs.revertData(operator.getAddress(), withdraw, BigInteger.ZERO)).as("a minute early")
        .startsWith(RegistryTxs.selector("StillUnbonding(uint64)"));
    txs.advanceTime(120);

    BigInteger before = txs.balance(operator.getAddress());
    TransactionReceipt receipt = txs.send(operator, withdraw, BigInteger.ZERO);
    assertThat(receipt.isStatusOK()).as(receipt.toString()).isTrue();
    BigInteger fee = receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    assertThat(txs.balance(operator.getAddress())).isEqualTo(before.add(ETHER.multiply(BigInteger.TWO)).subtract(fee));
    assertThat(operatorState(operator.getAddress()).get(1).getValue()).as("unbonding").isEqualTo(BigInteger.ZERO);
    assertThat(txs.revertData(operator.getAddress(), withdraw, BigInteger.ZERO)).as("paid once")
        .startsWith(RegistryTxs.selector("NothingToWithdraw()"));
  }

  @Test
  void theSlasherSlashesAShareOfStakeAndUnbondingAndNobodyElseCan() throws Exception {
    assertThat(txs.send(operator, register("node-s", new byte[38], "", new byte[32], new byte[64]),
        ETHER.multiply(BigInteger.valueOf(4))).isStatusOK()).isTrue();
    assertThat(txs.send(operator, decrease(ETHER.multiply(BigInteger.TWO)), BigInteger.ZERO).isStatusOK()).isTrue();
    Function slash = new Function("slash", List.of(new Address(operator.getAddress()), new Uint16(2500),
        new Utf8String("double signing")), List.of());

    assertThat(txs.revertData(anvil.account(2).getAddress(), slash, BigInteger.ZERO))
        .startsWith(RegistryTxs.selector("NotSlasher()"));
    TransactionReceipt receipt = txs.send(slasher, slash, BigInteger.ZERO);
    assertThat(receipt.isStatusOK()).as(receipt.toString()).isTrue();
    String reason = new String(Numeric.hexStringToByteArray(receipt.getLogs().get(0).getData()),
        StandardCharsets.UTF_8);
    assertThat(reason).as("the Slashed event carries the reason").contains("double signing");

    List<Type> op = operatorState(operator.getAddress());
    BigInteger half = ETHER.divide(BigInteger.TWO);
    assertThat(op.get(0).getValue()).as("stake: 2 ether less a quarter").isEqualTo(ETHER.add(half));
    assertThat(op.get(1).getValue()).as("unbonding: 2 ether less a quarter").isEqualTo(ETHER.add(half));
    assertThat(txs.call(new Function("slashedTotal", List.of(), List.of(new TypeReference<Uint256>() {})))
        .get(0).getValue()).isEqualTo(ETHER);
  }

  /** "An operator registers one or more nodes": a second node rides on the stake already there. */
  @Test
  void anOperatorRegistersSeveralNodesOnOneStake() throws Exception {
    byte[] peerOne = new byte[38];
    byte[] peerTwo = new byte[38];
    java.util.Arrays.fill(peerOne, (byte) 1);
    java.util.Arrays.fill(peerTwo, (byte) 2);
    assertThat(txs.send(operator, register("node-1", peerOne, "", new byte[32], new byte[64]),
        ETHER.multiply(BigInteger.TWO)).isStatusOK()).isTrue();
    TransactionReceipt second = txs.send(operator, register("node-2", peerTwo, "", new byte[32], new byte[64]),
        BigInteger.ZERO);
    assertThat(second.isStatusOK()).as(second.toString()).isTrue();
    List<Type> op = operatorState(operator.getAddress());
    assertThat(op.get(0).getValue()).as("stake: unchanged by the second").isEqualTo(ETHER.multiply(BigInteger.TWO));
    assertThat(op.get(3).getValue()).as("nodes").isEqualTo(BigInteger.TWO);
    for (byte[] peer : List.of(peerOne, peerTwo)) {
      assertThat(txs.call(new Function("operatorOfPeer", List.of(new DynamicBytes(peer)),
          List.of(new TypeReference<Address>() {}))).get(0).getValue()).isEqualTo(operator.getAddress());
    }
    assertThat(txs.send(operator, new Function("deregister", List.of(new Utf8String("node-1")), List.of()),
        BigInteger.ZERO).isStatusOK()).isTrue();
    assertThat(operatorState(operator.getAddress()).get(3).getValue()).as("nodes after one left")
        .isEqualTo(BigInteger.ONE);
  }

  /**
   * Every state change emits its event (the issue: "events for each"), so an indexer can follow the registry
   * from logs alone: register, increase, decrease, deregister, exit, withdraw (slash: the test above).
   */
  @Test
  void eachStateChangeEmitsItsEvent() throws Exception {
    TransactionReceipt registered = txs.send(operator, register("node-e", new byte[38], "", new byte[32],
        new byte[64]), ETHER.multiply(BigInteger.TWO));
    assertThat(topics(registered)).containsExactlyInAnyOrder(
        event("StakeIncreased(address,uint256,uint256)"),
        event("NodeRegistered(address,bytes32,string,bytes,string,bytes32,bytes)"));
    assertThat(topics(txs.send(operator, new Function("increaseStake", List.of(), List.of()), ETHER)))
        .containsExactly(event("StakeIncreased(address,uint256,uint256)"));
    assertThat(topics(txs.send(operator, decrease(ETHER), BigInteger.ZERO)))
        .containsExactly(event("DecreaseRequested(address,uint256,uint256,uint64)"));
    assertThat(topics(txs.send(operator, new Function("deregister", List.of(new Utf8String("node-e")), List.of()),
        BigInteger.ZERO))).containsExactly(event("NodeDeregistered(address,bytes32,string)"));
    assertThat(topics(txs.send(operator, new Function("exit", List.of(), List.of()), BigInteger.ZERO)))
        .containsExactly(event("ExitRequested(address,uint256,uint64)"));
    txs.advanceTime(UNBONDING + 60);
    TransactionReceipt withdrawn = txs.send(operator, new Function("withdraw", List.of(), List.of()),
        BigInteger.ZERO);
    assertThat(topics(withdrawn)).containsExactly(event("Withdrawn(address,uint256)"));
    assertThat(withdrawn.getLogs().get(0).getTopics().get(1)).as("indexed by operator")
        .isEqualTo(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(operator.getAddress()), 64));
  }

  private static List<String> topics(TransactionReceipt receipt) {
    assertThat(receipt.isStatusOK()).as(receipt.toString()).isTrue();
    return receipt.getLogs().stream().map(l -> l.getTopics().get(0)).toList();
  }

  private static String event(String signature) {
    return org.web3j.crypto.Hash.sha3String(signature);
  }

  private List<Type> operatorState(String address) throws Exception {
    return txs.call(new Function("getOperator", List.of(new Address(address)), List.of(
        new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint64>() {},
        new TypeReference<Uint32>() {})));
  }

  private static Function register(String nodeId, byte[] peerId, String endpoint, byte[] caps, byte[] signature) {
    return new Function("register", List.of(new Utf8String(nodeId), new DynamicBytes(peerId),
        new Utf8String(endpoint), new Bytes32(caps), new DynamicBytes(signature)), List.of());
  }

  private static Function decrease(BigInteger amount) {
    return new Function("requestDecrease", List.of(new Uint256(amount)), List.of());
  }

  /** "hanzo-node/operator-binding/v1" ‖ operator (20 bytes) ‖ chain id (32 bytes) ‖ registry (20 bytes). */
  static byte[] bindingMessage(String operator, long chainId, String registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("hanzo-node/operator-binding/v1".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(Numeric.hexStringToByteArray(operator));
    out.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(chainId), 32));
    out.writeBytes(Numeric.hexStringToByteArray(registry));
    return out.toByteArray();
  }
}
