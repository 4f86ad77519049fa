package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code hanzo-node scale DEPLOYMENT SERVICE=N}. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Set the replicas of one service.")
final class ScaleCommand extends ClientCommand {
  static final int MAX_REPLICAS = NodeClient.MAX_REPLICAS;

  @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "The deployment id.")
  String deploymentId;

  @Parameters(index = "1", paramLabel = "SERVICE=N", converter = TargetConverter.class,
      description = "The service and its new number of replicas (0.." + MAX_REPLICAS + ").")
  Target target;

  ScaleCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "scale";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.scaled(node.scale(deploymentId, target.service(), target.replicas())));
  }

  record Target(String service, int replicas) {}

  static final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException("'" + value + "' is not SERVICE=N (for example web=3)");
      }
      String count = value.substring(eq + 1);
      try {
        int replicas = Integer.parseInt(count);
        if (replicas >= 0 && replicas <= MAX_REPLICAS) {
          return new Target(value.substring(0, eq), replicas);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("'" + count + "' is not a number of replicas from 0 to " + MAX_REPLICAS);
    }
  }
}
