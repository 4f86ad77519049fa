package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.node.api.GatedEngine;
import ai.hanzo.node.inference.FinishReason;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.p2p.inference.InferenceClient;
import ai.hanzo.node.p2p.inference.InferenceServer;
import ai.hanzo.node.p2p.inference.ModelProvider;
import ai.hanzo.node.p2p.inference.RemoteCall;
import ai.hanzo.node.p2p.inference.RemoteReply;
import ai.hanzo.node.p2p.inference.wire.ProtoInferenceCodec;
import ai.hanzo.node.storage.NodeDatabase;
import ai.hanzo.node.storage.StorageOptions;
import ai.hanzo.testing.gguf.TinyLlama;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forwarded generation stops on the serving node when its caller resets the {@code /hanzo/inference/1.0.0}
 * stream (what the forwarding node does when its HTTP client disconnects): two real libp2p hosts over TCP, Noise
 * and Yamux, the node's real server, client, codec and target service over a real model server, whose engine
 * holds the generation at its first token ({@link GatedEngine}) so the reset surely lands mid-generation.
 */
class RemoteInferenceCancellationIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);

  @Test
  void resettingTheStreamCancelsTheGenerationOnTheServingNode(@TempDir Path dir) throws Exception {
    System.out.println("RemoteInferenceCancellationIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path data = dir.resolve("data");
    ModelStore store = ModelStore.in(data, Clock.systemUTC());
    store.add(TinyLlama.write(dir, SEED), "tiny");
    GatedEngine engine = new GatedEngine(new LlamaEngine(2, 64));
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(data));
        ModelServer models = new ModelServer(store, engine, 1L << 30, 1, new LoadOptions(0, 1));
        Host target = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
        Host caller = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()))) {
      Multiaddr address = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      try (InferenceServer server = new InferenceServer(target, new NetworkInferenceService("node-b",
          new InferenceEndpoint(Optional.of(models), Optional.empty(), Clock.systemUTC()), null, db.audit(),
          Clock.systemUTC()), new ProtoInferenceCodec())) {
        server.start();
        InferenceClient client = new InferenceClient(caller, new ProtoInferenceCodec());
        engine.closeGate();
        List<RemoteReply> replies = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> broken = new CompletableFuture<>();
        InferenceClient.Call call = client.call(new ModelProvider(target.peerId().toString(),
                List.of(address + "/p2p/" + target.peerId()), "node-b", false, Optional.empty()),
            new RemoteCall("tiny", "hello", 200, 0, 1, List.of(), 0, true, "apikey:it", "acme"),
            new InferenceClient.Listener() {
              @Override
              public void reply(RemoteReply reply) {
                replies.add(reply);
              }

              @Override
              public void broken(Throwable cause) {
                broken.complete(cause);
              }
            });
        await().atMost(Duration.ofSeconds(60)).until(() -> !replies.isEmpty());
        assertThat(replies.get(0)).isEqualTo(new RemoteReply.Accepted("node-b"));
        assertThat(engine.awaitWaiting()).isTrue();

        call.cancel();

        await().atMost(Duration.ofSeconds(30)).until(() -> engine.cancellations.get(0).isCancelled());
        engine.openGate();
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.completions.size() == 1);
        assertThat(engine.completions.get(0).finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(engine.completions.get(0).completionTokens()).isLessThan(200);
        assertThat(broken.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(db.audit().query(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 10))
            .anySatisfy(e -> {
              assertThat(e.action()).isEqualTo("p2p:inference");
              assertThat(e.principal()).isEqualTo("peer:" + caller.peerId());
              assertThat(e.details()).containsEntry("caller", "apikey:it").containsEntry("caller_org", "acme");
            });
      }
    }
  }
}
