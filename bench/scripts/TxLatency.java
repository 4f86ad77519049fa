import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The load driver of {@code chain-tx-latency.sh}: times register and stake-increase transactions sent through a
 * node's HTTP API (as an operator calls it: {@code POST /v1/operators/register}, {@code POST
 * /v1/operators/{addr}/stake}; each call answers once its transaction is final) against the same calls made with
 * {@code cast send} (same contract function, same value), interleaved one by one on one anvil, the order swapped
 * every round. Prints p50 and p90 of each, the ratio node / cast and whether the target (node <= 1.1 x cast +
 * 20 ms) holds.
 *
 * <p>Each node register is followed by an untimed deregister through the node (a node id is registered once);
 * cast registers a fresh seeded-random node id, PeerId and signature each time (the registry stores the signature
 * unverified, so its bytes do not change the work).
 *
 * <p>{@code java -cp node/target/hanzo-node.jar bench/scripts/TxLatency.java HTTP_PORT OPERATOR RPC REGISTRY
 * CAST CAST_KEY CAST_CONFIRMATIONS ROUNDS SEED}
 */
public final class TxLatency {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int WARM_UP = 10;

  private final String base;
  private final String operator;
  private final String rpc;
  private final String registry;
  private final String cast;
  private final String castKey;
  private final String castConfirmations;
  private final Random random;

  private TxLatency(String[] a) {
    base = "http://127.0.0.1:" + a[0];
    operator = a[1];
    rpc = a[2];
    registry = a[3];
    cast = a[4];
    castKey = a[5];
    castConfirmations = a[6];
    random = new Random(Long.parseLong(a[8]));
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[7]);
    System.out.println("seed " + args[8] + ", " + rounds + " rounds after " + WARM_UP + " warm-up rounds");
    new TxLatency(args).run(rounds);
  }

  private static final BigInteger STAKE = new BigInteger("1000000000000000000");
  private static final BigInteger INCREASE = new BigInteger("1000000000000000");

  private void run(int rounds) throws Exception {
    List<Long> nodeRegister = new ArrayList<>();
    List<Long> castRegister = new ArrayList<>();
    List<Long> nodeStake = new ArrayList<>();
    List<Long> castStake = new ArrayList<>();
    for (int i = 0; i < WARM_UP + rounds; i++) {
      boolean keep = i >= WARM_UP;
      boolean nodeFirst = i % 2 == 0;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == nodeFirst) {
          long t = nodeRegister();
          nodePost("/v1/operators/" + operator + "/deregister", "{}");
          long s = nodePost("/v1/operators/" + operator + "/stake",
              "{\"action\": \"increase\", \"amount\": \"" + INCREASE + "\"}");
          if (keep) {
            nodeRegister.add(t);
            nodeStake.add(s);
          }
        } else {
          long t = castRegister();
          long s = castSend("increaseStake()", List.of(), INCREASE);
          if (keep) {
            castRegister.add(t);
            castStake.add(s);
          }
        }
      }
    }
    report("register", nodeRegister, castRegister);
    report("stake increase", nodeStake, castStake);
  }

  private long nodeRegister() throws Exception {
    return nodePost("/v1/operators/register", "{\"stake_wei\": \"" + STAKE + "\"}");
  }

  /** Nanoseconds of one call, which must answer 200 with the transaction CONFIRMED. */
  private long nodePost(String path, String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    long start = System.nanoTime();
    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - start;
    if (answer.statusCode() != 200 || !answer.body().contains("\"CONFIRMED\"")) {
      throw new IllegalStateException(path + " answered " + answer.statusCode() + " " + answer.body());
    }
    return took;
  }

  private long castRegister() throws Exception {
    byte[] peerId = new byte[38];
    byte[] signature = new byte[64];
    byte[] caps = new byte[32];
    random.nextBytes(peerId);
    random.nextBytes(signature);
    random.nextBytes(caps);
    HexFormat hex = HexFormat.of();
    String nodeId = "bench-" + Long.toHexString(random.nextLong());
    return castSend("register(string,bytes,string,bytes32,bytes)", List.of(nodeId, "0x" + hex.formatHex(peerId),
        "", "0x" + hex.formatHex(caps), "0x" + hex.formatHex(signature)), STAKE);
  }

  /** Nanoseconds of one {@code cast send}, process start to exit, which must exit 0 with status 1 (success). */
  private long castSend(String function, List<String> args, BigInteger value) throws Exception {
    List<String> command = new ArrayList<>(List.of(cast, "send", "--rpc-url", rpc, "--private-key", castKey,
        "--confirmations", castConfirmations, "--value", value.toString(), registry, function));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("cast send did not finish within 60 s");
    }
    long took = System.nanoTime() - start;
    String text = new String(out);
    if (process.exitValue() != 0 || !text.matches("(?s).*status\\s+1 \\(success\\).*")) {
      throw new IllegalStateException("cast send " + function + " failed: " + text);
    }
    return took;
  }

  private static void report(String what, List<Long> node, List<Long> cast) {
    double n50 = percentile(node, 50);
    double n90 = percentile(node, 90);
    double c50 = percentile(cast, 50);
    double c90 = percentile(cast, 90);
    System.out.printf("%-15s node p50 %7.1f ms p90 %7.1f ms | cast p50 %7.1f ms p90 %7.1f ms | ratio p50 %.2f"
        + " p90 %.2f | target node p50 <= 1.1 x cast + 20 ms: %s%n", what, n50, n90, c50, c90, n50 / c50,
        n90 / c90, n50 <= 1.1 * c50 + 20 ? "met" : "MISSED");
  }

  /** Milliseconds; nearest rank. */
  private static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = nanos.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }
}
