package ai.hanzo.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.hanzo.node.config.ChainConfig;
import ai.hanzo.node.config.OperatorKeystore;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * An RPC that does not answer (a loopback port nothing listens on): reads and sends are UNAVAILABLE naming the RPC
 * by host and port only, and nothing is journaled, so nothing is half-done.
 */
class OperatorServiceUnreachableIT {
  @Test
  void withTheRpcDownEveryCallIsUnavailableAndNothingIsJournaled(@TempDir Path tmp) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort(); // closed again: connections are refused
    }
    Path keystore = OperatorKeystores.write(Credentials.create(Keys.createEcKeyPair()), "pw", tmp.resolve("keys"));
    ChainConfig config = new ChainConfig(URI.create("http://127.0.0.1:" + port + "/secret-api-key"), 1337,
        Optional.of("0x" + "42".repeat(20)), 0, Duration.ofMillis(200), Duration.ofSeconds(60),
        Optional.of(new OperatorKeystore(keystore, "pw")));
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(tmp.resolve("data")))) {
      OperatorService service = OperatorService.create(config, db.chainTxs(), new FixedNodeKey(), () -> new byte[32],
          Clock.systemUTC());
      try {
        service.start();
        assertThat(service.operatorAddress()).isPresent();
        for (var call : java.util.List.<java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>>>of(
            () -> service.register("", "", BigInteger.TEN.pow(18)),
            () -> service.increaseStake(BigInteger.ONE),
            () -> service.status(service.operatorAddress().get()))) {
          Throwable failed = catchThrowable(() -> call.get().get(30, TimeUnit.SECONDS));
          assertThat(failed).isInstanceOf(ExecutionException.class);
          assertThat(failed.getCause()).isInstanceOfSatisfying(NodeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("http://127.0.0.1:" + port).doesNotContain("secret-api-key");
          });
        }
        assertThat(db.chainTxs().list()).as("nothing journaled").isEmpty();
      } finally {
        service.close();
      }
    }
  }

  /** A node key that signs with zeros: nothing here reaches the chain. */
  private static final class FixedNodeKey implements NodeKey {
    @Override
    public String nodeId() {
      return "unreachable-node";
    }

    @Override
    public byte[] peerId() {
      return new byte[38];
    }

    @Override
    public byte[] sign(byte[] message) {
      return new byte[64];
    }
  }
}
