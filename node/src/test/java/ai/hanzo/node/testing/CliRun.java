package ai.hanzo.node.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    // Output to a file, not a pipe: reading a pipe to its end would wait for a hung CLI forever, and the timeout
    // below is what turns a hung CLI into a failure that names it.
    Path out = Files.createTempFile("cli", ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("HANZO_"));
    Process p = pb.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the CLI did not exit within 60 s: " + args[0] + "\n"
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }
}
