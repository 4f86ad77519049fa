package ai.hanzo.node.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.hanzo.libp2p.crypto.Ed25519PrivateKey;
import ai.hanzo.libp2p.host.Host;
import ai.hanzo.libp2p.host.HostConfig;
import ai.hanzo.libp2p.multiformats.Multiaddr;
import ai.hanzo.node.api.endpoint.GenerationApi;
import ai.hanzo.node.api.endpoint.InferenceEndpoint;
import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.Embeddings;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.inference.serving.ModelServer;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.node.p2p.gossip.MalformedPayloadException;
import ai.hanzo.node.p2p.inference.InferenceClient;
import ai.hanzo.node.p2p.inference.InferenceServer;
import ai.hanzo.node.p2p.inference.InferenceService;
import ai.hanzo.node.p2p.inference.ModelProvider;
import ai.hanzo.node.p2p.inference.RemoteCall;
import ai.hanzo.node.p2p.inference.RemoteEmbedCall;
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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embeddings over {@code /hanzo/inference/1.0.0} between two real libp2p hosts (TCP, Noise, Yamux): the node's
 * real server, client, codec and target service over a real llama.cpp model server answer accepted, then the same
 * vectors, bit for bit, as the target's own endpoint; an adversary target whose answer breaks the protocol's
 * limits (a non-finite value, vectors of two dimensions) is refused as malformed, naming what is wrong, and the
 * stream is reset.
 */
class RemoteEmbeddingsIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0x5EEDL);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aTargetAnswersTheVectorsItsOwnEndpointAnswers(@TempDir Path dir) throws Exception {
    System.out.println("RemoteEmbeddingsIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Path data = dir.resolve("data");
    ModelStore store = ModelStore.in(data, Clock.systemUTC());
    store.add(TinyLlama.write(dir, SEED), "tiny");
    try (NodeDatabase db = NodeDatabase.open(StorageOptions.defaults(data));
        ModelServer models = new ModelServer(store, new LlamaEngine(2, 64), 1L << 30, 1, new LoadOptions(0, 1));
        Host target = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
        Host caller = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()))) {
      Multiaddr address = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      InferenceEndpoint endpoint = new InferenceEndpoint(Optional.of(models), Optional.empty(), Clock.systemUTC());
      try (InferenceServer server = new InferenceServer(target, new NetworkInferenceService("node-b", endpoint,
          null, db.audit(), Clock.systemUTC()), new ProtoInferenceCodec())) {
        server.start();
        List<String> inputs = List.of("hello world", "the network embeds", "\u4e16\u754c, 1 2 3");
        Replies replies = call(caller, target, address, new RemoteEmbedCall("tiny", inputs, "apikey:it", "acme"));
        RemoteReply.Embedded answer = (RemoteReply.Embedded) replies.last.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(replies.all.get(0)).isEqualTo(new RemoteReply.Accepted("node-b"));
        Embeddings own = endpoint.embed("tiny", inputs, GenerationApi.EMBEDDINGS, "own", new Cancellation())
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.promptTokens()).isEqualTo(own.promptTokens()).isPositive();
        assertThat(answer.vectors()).hasSize(3);
        for (int i = 0; i < 3; i++) {
          assertThat(answer.vectors().get(i)).hasSize(TinyLlama.EMBEDDING).containsExactly(own.vectors().get(i));
        }
        assertThat(db.audit().query(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60), 10))
            .anySatisfy(e -> {
              assertThat(e.action()).isEqualTo("p2p:inference");
              assertThat(e.outcome()).isEqualTo("OK");
              assertThat(e.details()).containsEntry("caller", "apikey:it").containsEntry("caller_org", "acme");
            });
        // An unknown model is refused before accepted, as for a generation.
        Replies unknown = call(caller, target, address, new RemoteEmbedCall("nope", List.of("a"), "", ""));
        assertThat(unknown.last.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(
            RemoteReply.Failure.class, f -> assertThat(f.message()).contains("nope"));
      }
    }
  }

  @Test
  void anAnswerThatBreaksTheLimitsIsMalformedAndResetsTheStream() throws Exception {
    assertMalformed(List.of(new float[] {0.6f, Float.NaN}), "embeddings.vectors[0][1] is not a finite number");
    assertMalformed(List.of(new float[] {0.6f, 0.8f}, new float[] {1f}), "embeddings.vectors[1] has dimension 1");
  }

  private static void assertMalformed(List<float[]> vectors, String why) throws Exception {
    CopyOnWriteArrayList<String> cancelled = new CopyOnWriteArrayList<>();
    InferenceService adversary = new InferenceService() {
      @Override
      public String nodeId() {
        return "node-bad";
      }

      @Override
      public Running start(String peerId, RemoteCall call, Consumer<String> tokens) {
        throw new UnsupportedOperationException("embeddings only");
      }

      @Override
      public Running embed(String peerId, RemoteEmbedCall call) {
        return new Running() {
          @Override
          public CompletableFuture<RemoteReply.Embedded> done() {
            return CompletableFuture.completedFuture(new RemoteReply.Embedded(vectors, 3));
          }

          @Override
          public void cancel() {
            cancelled.add(peerId);
          }
        };
      }
    };
    try (Host target = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()));
        Host caller = new Host(HostConfig.defaults(Ed25519PrivateKey.generate()))) {
      Multiaddr address = target.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(10, TimeUnit.SECONDS);
      try (InferenceServer server = new InferenceServer(target, adversary, new ProtoInferenceCodec())) {
        server.start();
        Replies replies = call(caller, target, address, new RemoteEmbedCall("tiny", List.of("a", "b"), "", ""));
        Throwable broken = replies.broken.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(broken).isInstanceOf(MalformedPayloadException.class)
            .hasMessageContaining("the provider's answer is malformed").hasMessageContaining(why);
        assertThat(replies.all).containsExactly(new RemoteReply.Accepted("node-bad"));
        assertThat(replies.last).isNotDone();
        // The target saw its stream end (the caller reset it) and told its service to stop.
        await().atMost(WAIT).until(() -> !cancelled.isEmpty());
      }
    }
  }

  /** The replies of one call: all, the last (embeddings or failure), or the stream broken. */
  private static final class Replies implements InferenceClient.Listener {
    final List<RemoteReply> all = new CopyOnWriteArrayList<>();
    final CompletableFuture<RemoteReply> last = new CompletableFuture<>();
    final CompletableFuture<Throwable> broken = new CompletableFuture<>();

    @Override
    public void reply(RemoteReply reply) {
      if (reply instanceof RemoteReply.Embedded || reply instanceof RemoteReply.Failure) {
        last.complete(reply);
      } else {
        all.add(reply);
      }
    }

    @Override
    public void broken(Throwable cause) {
      broken.complete(cause);
    }
  }

  private static Replies call(Host caller, Host target, Multiaddr address, RemoteEmbedCall call) {
    Replies replies = new Replies();
    new InferenceClient(caller, new ProtoInferenceCodec()).call(new ModelProvider(target.peerId().toString(),
        List.of(address + "/p2p/" + target.peerId()), "node-b", false, Optional.empty()), call, replies);
    return replies;
  }
}
