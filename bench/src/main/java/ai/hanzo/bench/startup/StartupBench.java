package ai.hanzo.bench.startup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start to {@code /readiness} 200 (median of N runs) and resident memory after an idle period, for the node
 * started through {@code bin/hanzo-node run} exactly as an operator would.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar ai.hanzo.bench.startup.StartupBench [runs] [idleSeconds]
 * [checkout...]} from the repository root; set JAVA_HOME to choose the JDK and HANZO_JAVA_OPTS for extra JVM flags.
 * With several checkouts (the first is the one measured, the others anchors such as a worktree of the previous
 * main), their runs interleave, one of each in turn, so that a shared machine's load falls on all of them alike,
 * and each median is also given as a ratio to the first's.
 */
public final class StartupBench {
  private static final Pattern HTTP_PORT = Pattern.compile("\"http\":\\s*(\\d+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    List<Path> launchers = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      launchers.add(Path.of(args[i], "bin", "hanzo-node").toAbsolutePath());
    }
    if (launchers.isEmpty()) {
      launchers.add(Path.of("bin", "hanzo-node").toAbsolutePath());
    }

    for (Path launcher : launchers) {
      warmUp(launcher); // builds the jar if needed and creates the class-data sharing archive
    }
    List<List<Long>> millis = new ArrayList<>();
    launchers.forEach(l -> millis.add(new ArrayList<>()));
    for (int i = 0; i < runs; i++) {
      for (int l = 0; l < launchers.size(); l++) {
        millis.get(l).add(timeToReady(launchers.get(l), 0).readyMillis);
      }
    }
    long first = median(millis.get(0));
    for (int l = 0; l < launchers.size(); l++) {
      List<Long> sorted = millis.get(l);
      Collections.sort(sorted);
      System.out.printf("%s: cold start to /readiness 200 over %d runs: median %d ms (%.2fx the first), min %d ms,"
          + " max %d ms%n", launchers.get(l).getParent().getParent(), runs, median(sorted),
          median(sorted) / (double) first, sorted.get(0), sorted.get(runs - 1));
    }
    for (Path launcher : launchers) {
      Result idle = timeToReady(launcher, idleSeconds);
      System.out.printf("%s: RSS %d s after start: %.1f MB (JAVA_HOME=%s, HANZO_JAVA_OPTS=%s)%n",
          launcher.getParent().getParent(), idleSeconds, idle.rssKb / 1024.0, System.getenv("JAVA_HOME"),
          System.getenv("HANZO_JAVA_OPTS"));
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private record Result(long readyMillis, long rssKb) {}

  private static void warmUp(Path launcher) throws Exception {
    timeToReady(launcher, 0);
  }

  private static Result timeToReady(Path launcher, int idleSeconds) throws Exception {
    Path dataDir = Files.createTempDirectory("hanzo-startup");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(launcher.toString(), "run", "--data-dir", dataDir.toString(),
        "--grpc-addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0", "--p2p-addr", "/ip4/127.0.0.1/tcp/0",
        "--no-banner")
        .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
        .start();
    try {
      long deadline = start + Duration.ofSeconds(120).toNanos();
      while (!ready(dataDir)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("node did not become ready; see " + dataDir + ".log");
        }
        Thread.sleep(5);
      }
      long readyMillis = (System.nanoTime() - start) / 1_000_000;
      long rss = 0;
      if (idleSeconds > 0) {
        Thread.sleep(idleSeconds * 1000L);
        rss = rssKb(p.toHandle());
      }
      return new Result(readyMillis, rss);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  private static boolean ready(Path dataDir) throws InterruptedException {
    try {
      Matcher m = HTTP_PORT.matcher(Files.readString(dataDir.resolve("ports.json")));
      if (!m.find()) {
        return false;
      }
      HttpResponse<Void> r = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/readiness")).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** The launcher execs java, so the JVM is the launcher's own process (or its only child). */
  private static long rssKb(ProcessHandle handle) throws IOException {
    ProcessHandle jvm = handle.descendants().findFirst().orElse(handle);
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for pid " + jvm.pid());
  }
}
