package ai.hanzo.node.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * A real anvil chain on loopback for one test: started on a port the kernel picks ({@code --port 0}; the port is
 * read from its "Listening on" line), ready once it answers {@code eth_chainId}, stopped by its pid on
 * {@link #close()}. Its dev accounts' private keys are read from what it prints.
 */
public final class Anvil implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern PRIVATE_KEY = Pattern.compile("^\\(\\d+\\) (0x[0-9a-f]{64})$");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final List<Credentials> accounts = new ArrayList<>();
  private final int port;
  private final long chainId;

  private Anvil(Process process, int port, long chainId) {
    this.process = process;
    this.port = port;
    this.chainId = chainId;
  }

  /** Anvil with automine (a block per transaction) on a free port. */
  public static Anvil start(String... options) throws IOException, InterruptedException {
    return start(0, options);
  }

  /** On {@code port} (0: any free one); {@code options} are more anvil flags such as {@code --block-time 1}. */
  public static Anvil start(int port, String... options) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Contracts.anvil().toString(), "--host", "127.0.0.1",
        "--port", Integer.toString(port), "--accounts", "10"));
    cmd.addAll(List.of(options));
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      return awaitReady(process);
    } catch (IOException | RuntimeException | InterruptedException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static Anvil awaitReady(Process process) throws IOException, InterruptedException {
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch listening = new CountDownLatch(1);
    int[] port = {0};
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port[0] = Integer.parseInt(m.group(1));
            listening.countDown();
          }
        }
      } catch (IOException ended) {
        // the process was stopped
      }
    }, "anvil-output");
    reader.setDaemon(true);
    reader.start();
    if (!listening.await(60, TimeUnit.SECONDS)) {
      throw new IOException("anvil did not listen within 60 s: " + String.join("\n", lines));
    }
    Web3j web3j = Web3j.build(new JdkHttpService(URI.create("http://127.0.0.1:" + port[0]), Duration.ofSeconds(2)));
    BigInteger[] id = {null};
    Awaitility.await("anvil answers eth_chainId").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
      id[0] = web3j.ethChainId().send().getChainId();
      return id[0] != null;
    });
    Anvil anvil = new Anvil(process, port[0], id[0].longValueExact());
    anvil.output.addAll(lines);
    for (String line : lines) {
      Matcher key = PRIVATE_KEY.matcher(line.trim());
      if (key.matches()) {
        anvil.accounts.add(Credentials.create(key.group(1)));
      }
    }
    if (anvil.accounts.isEmpty()) {
      throw new IOException("anvil printed no private keys: " + String.join("\n", lines));
    }
    return anvil;
  }

  public URI rpc() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public long chainId() {
    return chainId;
  }

  /** Dev account {@code i} (funded with 10,000 ether). */
  public Credentials account(int i) {
    return accounts.get(i);
  }

  public String output() {
    return String.join("\n", output);
  }

  /** Stops anvil by its pid and waits until it is gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
