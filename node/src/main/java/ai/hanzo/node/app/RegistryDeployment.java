package ai.hanzo.node.app;

import ai.hanzo.node.chain.OperatorService;
import ai.hanzo.node.chain.RegistryDeployer;
import ai.hanzo.node.chain.WeiAmounts;
import ai.hanzo.node.config.OperatorKeystore;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;

/** {@code hanzo-node operator deploy-contracts}: the CLI reaches the chain package only through the app. */
public final class RegistryDeployment {
  /** What the CLI prints. */
  public record Result(String registry, String deployer, String txHash, long block) {}

  private RegistryDeployment() {}

  /**
   * @param rpcTimeout the most one JSON-RPC call may take
   * @param minStakeWei a decimal number of wei
   * @param slasher the slasher's address, or empty for the deployer
   * @throws ai.hanzo.node.error.NodeException INVALID_ARGUMENT for a bad amount or address
   * @throws ai.hanzo.node.config.ConfigException for a chain id mismatch or a keystore that does not open
   * @throws IOException when the chain does not answer or refuses the deployment
   */
  public static Result deploy(URI rpc, long chainId, Duration rpcTimeout, OperatorKeystore keystore, String minStakeWei,
      long unbondingSeconds, String slasher) throws IOException {
    BigInteger minStake = WeiAmounts.parse("--min-stake", minStakeWei);
    String slasherAddress = slasher.isEmpty() ? "" : OperatorService.requireAddress("--slasher", slasher);
    RegistryDeployer.Deployed d = RegistryDeployer.deploy(rpc, chainId, rpcTimeout, keystore, minStake, unbondingSeconds,
        slasherAddress);
    return new Result(d.registry(), d.deployer(), d.txHash(), d.block());
  }
}
