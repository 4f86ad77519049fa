package ai.hanzo.node.cli;

import ai.hanzo.node.client.NodeClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hanzo-node deploy -f docker-compose.yml}: sends a Compose project to a node. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = "Deploy a Compose file to a node. An unsupported key in the file is an error (exit 2).")
final class DeployCommand extends ClientCommand {
  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The Compose file.")
  Path file;

  @Option(names = "--name", paramLabel = "NAME", description = "Deployment name (default: the file's 'name').")
  String name;

  @Option(names = "--id", paramLabel = "ID",
      description = "Deployment id; deploying the same id and file again changes nothing (default: --name, else the"
          + " file's 'name', else its directory's name, lower-cased without characters outside [a-z0-9_-]).")
  String id;

  @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
      description = "Environment for every service of the deployment. Repeatable.")
  Map<String, String> env = new LinkedHashMap<>();

  DeployCommand(Map<String, String> env, Terminal terminal) {
    super(env, terminal);
  }

  @Override
  String name() {
    return "deploy";
  }

  @Override
  void run(NodeClient node, Renderer render, Terminal terminal) {
    print(terminal, render.deployed(node.deploy(ComposeFile.read(file), file, name, id, env)));
  }
}
