package ai.hanzo.node.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI as a real process of the built jar, without the test's HANZO_ variables: its exit code and its output
 * (standard output and error together).
 */
public record CliRun(int exit, String out) {
  public static CliRun of(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(NodeProcess.java());
    cmd.addAll(List.of("-jar", NodeProcess.jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("HANZO_"));
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the CLI did not exit within 60 s: " + args[0] + "\n" + out);
      }
      return new CliRun(p.exitValue(), out);
    } finally {
      p.destroyForcibly();
    }
  }
}
