package ai.hanzo.node.cli;

import ai.hanzo.node.app.LoggingSetup;
import ai.hanzo.node.app.RegistryDeployment;
import ai.hanzo.node.client.NodeClient;
import ai.hanzo.node.config.ConfigException;
import ai.hanzo.node.config.ConfigSources;
import ai.hanzo.node.config.OperatorKeystore;
import ai.hanzo.node.config.Parsers;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hanzo-node operator register|stake|unstake|withdraw|deregister|status|deploy-contracts}: this node as an operator of
 * the on-chain registry. All but {@code deploy-contracts} go through the running node's admin API (the node holds
 * the keystore and journals the transactions); {@code deploy-contracts} deploys the registry to a development
 * chain from the keystore's account itself and prints its address.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
    description = "Register this node on chain, change its operator's stake, read an operator's status, or deploy"
        + " the registry to a dev chain.",
    subcommands = {OperatorCommand.Register.class, OperatorCommand.Stake.class, OperatorCommand.Unstake.class,
        OperatorCommand.Withdraw.class, OperatorCommand.Deregister.class, OperatorCommand.Status.class,
        OperatorCommand.DeployContracts.class})
final class OperatorCommand extends CommandGroup {
  OperatorCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }


  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register this node (its node id, PeerId and the PeerId binding its libp2p key signs) with"
          + " stake added to its operator's.")
  static final class Register extends GroupCall {
    @Option(names = "--stake", paramLabel = "WEI", converter = WeiArgument.class, defaultValue = "0",
        description = "Wei added to the operator's stake; with it the stake must reach the registry's minimum"
            + " (default 0: the stake already there).")
    String stake;

    @Option(names = "--endpoint-url", paramLabel = "URL", defaultValue = "",
        description = "The node's API endpoint stored on chain (at most 256 bytes).")
    String endpointUrl;

    @Option(names = "--capabilities-hash", paramLabel = "HEX", defaultValue = "",
        description = "0x and 64 hex digits stored with the node (default: the hash of this node's own"
            + " capabilities, as `operator status` shows it).")
    String capabilitiesHash;

    @Override
    String name() {
      return "register";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.operatorTx(node.registerOperator(stake, endpointUrl, capabilitiesHash));
    }
  }

  @Command(name = "stake", mixinStandardHelpOptions = true, description = "Add wei to the operator's stake.")
  static final class Stake extends GroupCall {
    @Parameters(paramLabel = "WEI", converter = WeiArgument.class, description = "Wei to add, at least 1.")
    String amount;

    @Override
    String name() {
      return "stake";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.operatorTx(node.changeStake("", "increase", amount));
    }
  }

  @Command(name = "unstake", mixinStandardHelpOptions = true,
      description = "Move wei of the stake into unbonding (withdraw it after the unbonding period), or with --exit"
          + " all of it (only once no node of the operator is registered).")
  static final class Unstake extends GroupCall {
    @ArgGroup(multiplicity = "1")
    What what;

    static final class What {
      @Parameters(paramLabel = "WEI", converter = WeiArgument.class, description = "Wei to unbond, at least 1.")
      String amount;

      @Option(names = "--exit", description = "Unbond the whole stake.")
      boolean exit;
    }

    @Override
    String name() {
      return "unstake";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.operatorTx(what.exit ? node.exitOperator("") : node.changeStake("", "decrease", what.amount));
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true,
      description = "Pay out the unbonding wei once the unbonding period is over.")
  static final class Withdraw extends GroupCall {
    @Override
    String name() {
      return "withdraw";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.operatorTx(node.withdrawStake(""));
    }
  }

  @Command(name = "deregister", mixinStandardHelpOptions = true,
      description = "Remove a node of the operator from the registry (default: this node); the stake stays, and an"
          + " exit needs all nodes removed.")
  static final class Deregister extends GroupCall {
    @Parameters(paramLabel = "NODE_ID", arity = "0..1", defaultValue = "",
        description = "The node id to remove (default: this node's).")
    String nodeId;

    @Override
    String name() {
      return "deregister";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.operatorTx(node.deregisterNode("", nodeId));
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "An operator's stake, unbonding and nodes in the registry, and this node's open transactions.")
  static final class Status extends GroupCall {
    @Parameters(paramLabel = "ADDR", arity = "0..1", defaultValue = "",
        description = "The operator's address (default: the node's own account).")
    String address;

    @Override
    String name() {
      return "status";
    }

    @Override
    String run(NodeClient node, Renderer render) {
      return render.operatorStatus(node.operatorStatus(address));
    }
  }

  @Command(name = "deploy-contracts", mixinStandardHelpOptions = true,
      description = "Deploy the OperatorRegistry to a development chain from the keystore's account and print its"
          + " address (then start nodes with --registry-contract ADDR).")
  static final class DeployContracts implements Callable<Integer> {
    @ParentCommand OperatorCommand operator;

    @Option(names = "--chain-rpc", paramLabel = "URL", description = "JSON-RPC endpoint (env HANZO_CHAIN_RPC).")
    String chainRpc;

    @Option(names = "--chain-id", paramLabel = "N", description = "Chain id the RPC must answer (env HANZO_CHAIN_ID).")
    String chainId;

    @Option(names = "--chain-rpc-timeout", paramLabel = "DURATION",
        description = "The most one JSON-RPC call may take, from connecting to the answer's last byte, 100ms to 30s"
            + " (env HANZO_CHAIN_RPC_TIMEOUT, default 5s).")
    String chainRpcTimeout;

    @Option(names = "--operator-keystore", paramLabel = "FILE",
        description = "The deploying account's keystore (env HANZO_OPERATOR_KEYSTORE); its password from"
            + " HANZO_OPERATOR_PASSWORD or --operator-password-file.")
    String keystore;

    @Option(names = "--operator-password-file", paramLabel = "FILE",
        description = "File holding the keystore's password (env HANZO_OPERATOR_PASSWORD_FILE).")
    String passwordFile;

    @Option(names = "--min-stake", paramLabel = "WEI", converter = WeiArgument.class,
        defaultValue = "1000000000000000000", description = "The registry's minimum stake (default 1 ether).")
    String minStake;

    @Option(names = "--unbonding-period", paramLabel = "DURATION", defaultValue = "7d",
        description = "How long decreased stake unbonds before it can be withdrawn (default 7d).")
    String unbondingPeriod;

    @Option(names = "--slasher", paramLabel = "ADDR", defaultValue = "",
        description = "The address allowed to slash (default the deploying account).")
    String slasher;

    @Override
    public Integer call() throws IOException {
      LoggingSetup.quietForCommandLine();
      ConfigSources sources = ConfigSources.of(operator.env);
      URI rpc = sources.resolve(ChainOptions.CHAIN_RPC, chainRpc)
          .orElseThrow(() -> new ConfigException("deploy-contracts needs --chain-rpc (env HANZO_CHAIN_RPC)"));
      long id = sources.resolve(ChainOptions.CHAIN_ID, chainId)
          .orElseThrow(() -> new ConfigException("deploy-contracts needs --chain-id (env HANZO_CHAIN_ID)"));
      // The same setting as `run`'s, so a slow remote RPC that needs a longer timeout gets it here too.
      Duration rpcTimeout = sources.resolve(ChainOptions.CHAIN_RPC_TIMEOUT, chainRpcTimeout);
      Path file = sources.resolve(ChainOptions.OPERATOR_KEYSTORE, keystore).orElseThrow(() -> new ConfigException(
          "deploy-contracts needs --operator-keystore (env HANZO_OPERATOR_KEYSTORE)"));
      if (!Files.isReadable(file)) {
        throw new ConfigException("--operator-keystore " + file + " is not a readable file");
      }
      Optional<Path> pwFile = sources.resolve(ChainOptions.OPERATOR_PASSWORD_FILE, passwordFile);
      String password = pwFile.isPresent() ? OperatorPasswords.readFile(pwFile.get())
          : sources.env(ChainOptions.OPERATOR_PASSWORD_ENV).orElseThrow(() -> new ConfigException(
              "--operator-keystore " + file + " needs its password in " + ChainOptions.OPERATOR_PASSWORD_ENV
                  + " or --operator-password-file"));
      Duration unbonding;
      try {
        unbonding = Parsers.duration(unbondingPeriod);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--unbonding-period '" + unbondingPeriod + "' is not a duration such as 7d");
      }
      try {
        RegistryDeployment.Result r = RegistryDeployment.deploy(rpc, id, rpcTimeout,
            new OperatorKeystore(file, password), minStake, unbonding.toSeconds(), slasher);
        operator.terminal.out().println(r.registry());
        operator.terminal.err().println("deployed OperatorRegistry at " + r.registry() + " on chain " + id
            + " from " + r.deployer() + " (transaction " + r.txHash() + ", block " + r.block() + ")");
        return 0;
      } catch (NodeException e) {
        if (e.code() == ErrorCode.INVALID_ARGUMENT) {
          throw new ConfigException(e.getMessage());
        }
        throw e;
      }
    }
  }
}
