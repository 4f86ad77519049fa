package ai.hanzo.node.inference.serving;

import static org.assertj.core.api.Assertions.assertThat;

import ai.hanzo.node.inference.Cancellation;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.GenerationParams;
import ai.hanzo.node.inference.LoadOptions;
import ai.hanzo.node.inference.TokenSink;
import ai.hanzo.node.inference.llama.LlamaEngine;
import ai.hanzo.node.models.ModelStore;
import ai.hanzo.testing.gguf.TinyLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat is formatted by the model's own chat template (GGUF {@code tokenizer.chat_template}, rendered by llama.cpp's
 * Jinja), and a model without one gets the plain transcript: real llama.cpp on tiny models the test writes.
 */
class ChatTemplateIT {
  private static final long SEED = Long.getLong("hanzo.test.seed", 0xC4A7L);
  /** Not any template llama.cpp knows by name, so only rendering the model's own can produce this text. */
  private static final String TEMPLATE = "{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}"
      + "{% if add_generation_prompt %}[assistant] {% endif %}";
  private static final List<ChatMessage> CHAT = List.of(new ChatMessage("system", "be brief"),
      new ChatMessage("user", "hello world"));
  private static final String TRANSCRIPT = "system: be brief\nuser: hello world\nassistant:";

  @TempDir
  Path dir;

  @Test
  void theModelsOwnTemplateFormatsTheChatAndAModelWithoutOneGetsTheTranscript() throws Exception {
    System.out.println("ChatTemplateIT seed " + SEED + " (-Dhanzo.test.seed to replay)");
    Files.createDirectories(dir.resolve("files"));
    Path templated = dir.resolve("files").resolve("templated.gguf");
    TinyLlama.writer(SEED).string("tokenizer.chat_template", TEMPLATE).write(templated);
    Path plain = TinyLlama.write(dir.resolve("files"), SEED);
    ModelStore store = ModelStore.in(dir.resolve("data"), Clock.systemUTC());
    store.add(templated, "templated");
    store.add(plain, "plain");
    String rendered = "[system] be brief\n[user] hello world\n[assistant] ";

    try (ModelServer server = new ModelServer(store, new LlamaEngine(1, 4), 256L << 20, 2,
        new LoadOptions(0, 1))) {
      assertThat(server.load("templated").model().applyChatTemplate(CHAT)).contains(rendered);
      assertThat(server.load("plain").model().applyChatTemplate(CHAT)).isEmpty();

      GenerationParams params = new GenerationParams(2, 0, 1, List.of(), 1);
      ModelServer.Generation chat = server.start("templated", TRANSCRIPT, CHAT, params, TokenSink.discard(),
          new Cancellation());
      ModelServer.Generation fallback = server.start("plain", TRANSCRIPT, CHAT, params, TokenSink.discard(),
          new Cancellation());
      chat.result().get(60, TimeUnit.SECONDS);
      fallback.result().get(60, TimeUnit.SECONDS);

      int renderedTokens = server.load("templated").model().tokenize(rendered).length;
      int transcriptTokens = server.load("plain").model().tokenize(TRANSCRIPT).length;
      assertThat(renderedTokens).isNotEqualTo(transcriptTokens);
      assertThat(chat.promptTokens()).isEqualTo(renderedTokens);
      assertThat(fallback.promptTokens()).isEqualTo(transcriptTokens);
    }
  }
}
