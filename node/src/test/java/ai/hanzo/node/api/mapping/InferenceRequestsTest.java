package ai.hanzo.node.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.GenerationParams;
import org.junit.jupiter.api.Test;

class InferenceRequestsTest {
  @Test
  void theUpstreamShapeHasItsDocumentedDefaults() {
    TextGeneration g = InferenceRequests.upstream(InferenceRequests.parse(
        "{\"model\": \"tiny\", \"prompt\": \"hi\"}"));

    assertThat(g.model()).isEqualTo("tiny");
    assertThat(g.prompt()).isEqualTo("hi");
    assertThat(g.params().maxTokens()).isEqualTo(256);
    assertThat(g.params().temperature()).isEqualTo(0.7);
    assertThat(g.params().topP()).isEqualTo(0.9);
    assertThat(g.params().stop()).isEmpty();
    assertThat(g.stream()).isFalse();
  }

  @Test
  void openAiCompletionsDefaultTo16TokensAndTakeStopAsAStringOrAList() {
    TextGeneration one = InferenceRequests.completion(InferenceRequests.parse(
        "{\"model\": \"m\", \"prompt\": [\"x\"], \"stop\": \"\\n\", \"stream\": true, \"user\": \"ignored\","
            + " \"stream_options\": {\"include_usage\": true}, \"seed\": 42}"));
    TextGeneration many = InferenceRequests.completion(InferenceRequests.parse(
        "{\"model\": \"m\", \"prompt\": \"x\", \"stop\": [\"a\", \"b\"], \"max_tokens\": 5, \"temperature\": 0}"));

    assertThat(one.params().maxTokens()).isEqualTo(16);
    assertThat(one.params().stop()).containsExactly("\n");
    assertThat(one.params().seed()).isEqualTo(42);
    assertThat(one.stream()).isTrue();
    assertThat(one.includeUsage()).isTrue();
    assertThat(many.params().stop()).containsExactly("a", "b");
    assertThat(many.params().maxTokens()).isEqualTo(5);
    assertThat(many.params().temperature()).isZero();
    assertThat(many.includeUsage()).isFalse();
  }

  @Test
  void chatMessagesBecomeOnePlainTranscriptEndingWithTheAssistantsTurn() {
    TextGeneration g = InferenceRequests.chat(InferenceRequests.parse(
        "{\"model\": \"m\", \"messages\": [{\"role\": \"system\", \"content\": \"be brief\"},"
            + " {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"hel\"},"
            + " {\"type\": \"text\", \"text\": \"lo\"}]}], \"max_completion_tokens\": 7}"));

    assertThat(g.prompt()).isEqualTo("system: be brief\nuser: hello\nassistant:");
    assertThat(g.params().maxTokens()).isEqualTo(7);
    assertThat(InferenceRequests.chat(InferenceRequests.parse(
        "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}")).params().maxTokens())
        .as("without a limit the context decides").isEqualTo(GenerationParams.MAX_TOKENS);
  }

  @Test
  void badBodiesAreRefusedNamingTheField() {
    assertInvalid(() -> InferenceRequests.parse("{not json"), null);
    assertInvalid(() -> InferenceRequests.parse(""), null);
    assertInvalid(() -> InferenceRequests.parse("[1, 2]"), null);
    assertInvalid(() -> InferenceRequests.parse("[".repeat(100) + "]".repeat(100)), null);
    assertInvalid(() -> upstream("{\"prompt\": \"hi\"}"), "model");
    assertInvalid(() -> upstream("{\"model\": \"m\"}"), "prompt");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": 5}"), "prompt");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"\"}"), "prompt");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"max_tokens\": -1}"), "max_tokens");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"max_tokens\": 0}"), "max_tokens");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"max_tokens\": 99999999999}"),
        "max_tokens");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"max_tokens\": 2.5}"), "max_tokens");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"temperature\": 3}"), "temperature");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"top_p\": 0}"), "top_p");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"stream\": \"yes\"}"), "stream");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"stop\": [\"a\", 1]}"), "stop[1]");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"hi\", \"stop\": [\"a\",\"b\",\"c\",\"d\",\"e\"]}"),
        "stop");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"a\\u0000b\"}"), "prompt");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \"a\\ud800b\"}"), "prompt");
    assertInvalid(() -> upstream("{\"model\": \"" + "m".repeat(300) + "\", \"prompt\": \"hi\"}"), "model");
    assertInvalid(() -> upstream("{\"model\": \"m\", \"prompt\": \""
        + "x".repeat(InferenceRequests.MAX_PROMPT_CHARS + 1) + "\"}"), "prompt");
    assertInvalid(() -> InferenceRequests.completion(InferenceRequests.parse(
        "{\"model\": \"m\", \"prompt\": \"hi\", \"n\": 2}")), "n");
    assertInvalid(() -> InferenceRequests.chat(InferenceRequests.parse("{\"model\": \"m\", \"messages\": []}")),
        "messages");
    assertInvalid(() -> InferenceRequests.chat(InferenceRequests.parse(
        "{\"model\": \"m\", \"messages\": [{\"role\": \"wizard\", \"content\": \"x\"}]}")), "messages[0].role");
    assertInvalid(() -> InferenceRequests.chat(InferenceRequests.parse(
        "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\"}]}]}")),
        "messages[0].content[0]");
    assertInvalid(() -> InferenceRequests.embedInputs(InferenceRequests.parse("{\"input\": []}"), "input"),
        "input");
  }

  private static TextGeneration upstream(String body) {
    return InferenceRequests.upstream(InferenceRequests.parse(body));
  }

  private static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(NodeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.getMessage()).isNotBlank();
      if (field != null) {
        assertThat(e.details()).as(e.getMessage()).containsEntry("field", field);
      }
    });
  }
}
