package ai.hanzo.node.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node running on a data directory, as a command line finds it: the directory's lock says whether one runs, its
 * {@code ports.json} where its gRPC API listens (on the loopback address).
 */
public final class LocalNode {
  private static final Pattern GRPC = Pattern.compile("\"grpc\":\\s*(\\d+)");

  private LocalNode() {}

  public static boolean runsOn(Path dataDir) {
    return OfflineImages.nodeRunsOn(dataDir);
  }

  /** {@code 127.0.0.1:<port>} of the running node's gRPC API, when it wrote its ports. */
  public static Optional<String> grpcEndpoint(Path dataDir) {
    try {
      Matcher m = GRPC.matcher(Files.readString(dataDir.resolve(PortsFile.NAME)));
      return m.find() && !m.group(1).equals("0") ? Optional.of("127.0.0.1:" + m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
