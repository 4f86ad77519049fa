package ai.hanzo.node.api.http;

import ai.hanzo.node.api.endpoint.GenerationApi;
import ai.hanzo.node.api.mapping.ErrorMapper;
import ai.hanzo.node.api.mapping.OpenAiErrors;
import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Completion;
import ai.hanzo.node.inference.FinishReason;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * How one API family writes a generation: the whole answer, the Server-Sent Event chunks of a stream, and its
 * errors. The upstream {@code /v1/inference} shape uses the node's own error body; the OpenAI shapes use OpenAI's
 * ({@code {"error": {"message", "type", "param", "code"}}}) so its SDKs raise their usual exceptions.
 */
abstract class GenerationShape {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The prefix of response ids, e.g. {@code chatcmpl-}. */
  abstract String idPrefix();

  /** Which API this is, for the usage records. */
  abstract GenerationApi api();

  /** The whole answer of a request without {@code stream}. */
  abstract ObjectNode complete(String id, long created, String model, Completion completion);

  /** Chunks sent before the first text (the chat's assistant role). */
  List<ObjectNode> opening(String id, long created, String model) {
    return List.of();
  }

  /** A chunk carrying {@code text}. */
  abstract ObjectNode chunk(String id, long created, String model, String text);

  /** The last chunk with the finish reason; {@code usage} is added when the client asked for it. */
  abstract ObjectNode closing(String id, long created, String model, Completion completion, boolean usage);

  /** The error body of {@code e} in this family's shape. */
  abstract String errorBody(NodeException e);

  static String finishReason(FinishReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  static ObjectNode usage(Completion completion) {
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", completion.promptTokens());
    usage.put("completion_tokens", completion.completionTokens());
    usage.put("total_tokens", completion.totalTokens());
    return usage;
  }

  static ObjectNode head(String id, String object, long created, String model) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    if (object != null) {
      node.put("object", object);
      node.put("created", created);
    }
    node.put("model", model);
    return node;
  }

  /** {@code POST /v1/inference}: {@code id, model, choices[{index, text, finish_reason}], usage}. */
  static final class Upstream extends GenerationShape {
    @Override
    GenerationApi api() {
      return GenerationApi.INFERENCE;
    }

    @Override
    String idPrefix() {
      return "inf-";
    }

    @Override
    ObjectNode complete(String id, long created, String model, Completion completion) {
      ObjectNode node = head(id, null, created, model);
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      choice.put("text", completion.text());
      choice.put("finish_reason", finishReason(completion.finishReason()));
      node.set("usage", usage(completion));
      return node;
    }

    @Override
    ObjectNode chunk(String id, long created, String model, String text) {
      ObjectNode node = head(id, null, created, model);
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      choice.put("text", text);
      choice.putNull("finish_reason");
      return node;
    }

    @Override
    ObjectNode closing(String id, long created, String model, Completion completion, boolean usage) {
      ObjectNode node = head(id, null, created, model);
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      choice.put("text", "");
      choice.put("finish_reason", finishReason(completion.finishReason()));
      node.set("usage", usage(completion));
      return node;
    }

    @Override
    String errorBody(NodeException e) {
      return ErrorMapper.jsonBody(e);
    }
  }

  /** The OpenAI families: their error body. */
  abstract static class OpenAi extends GenerationShape {
    @Override
    String errorBody(NodeException e) {
      return OpenAiErrors.body(e);
    }
  }

  /** OpenAI {@code POST /v1/completions}: {@code text_completion} objects. */
  static final class Completions extends OpenAi {
    @Override
    GenerationApi api() {
      return GenerationApi.COMPLETIONS;
    }

    @Override
    String idPrefix() {
      return "cmpl-";
    }

    @Override
    ObjectNode complete(String id, long created, String model, Completion completion) {
      ObjectNode node = head(id, "text_completion", created, model);
      choice(node.putArray("choices"), completion.text(), finishReason(completion.finishReason()));
      node.set("usage", usage(completion));
      return node;
    }

    @Override
    ObjectNode chunk(String id, long created, String model, String text) {
      ObjectNode node = head(id, "text_completion", created, model);
      choice(node.putArray("choices"), text, null);
      return node;
    }

    @Override
    ObjectNode closing(String id, long created, String model, Completion completion, boolean usage) {
      ObjectNode node = head(id, "text_completion", created, model);
      choice(node.putArray("choices"), "", finishReason(completion.finishReason()));
      if (usage) {
        node.set("usage", usage(completion));
      }
      return node;
    }

    private static void choice(ArrayNode choices, String text, String finishReason) {
      ObjectNode choice = choices.addObject();
      choice.put("text", text);
      choice.put("index", 0);
      choice.putNull("logprobs");
      if (finishReason == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finishReason);
      }
    }
  }

  /** OpenAI {@code POST /v1/chat/completions}: {@code chat.completion} and {@code chat.completion.chunk}. */
  static final class Chat extends OpenAi {
    @Override
    GenerationApi api() {
      return GenerationApi.CHAT;
    }

    @Override
    String idPrefix() {
      return "chatcmpl-";
    }

    @Override
    ObjectNode complete(String id, long created, String model, Completion completion) {
      ObjectNode node = head(id, "chat.completion", created, model);
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", completion.text());
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason(completion.finishReason()));
      node.set("usage", usage(completion));
      return node;
    }

    @Override
    List<ObjectNode> opening(String id, long created, String model) {
      ObjectNode node = head(id, "chat.completion.chunk", created, model);
      ObjectNode delta = delta(node, null);
      delta.put("role", "assistant");
      delta.put("content", "");
      return List.of(node);
    }

    @Override
    ObjectNode chunk(String id, long created, String model, String text) {
      ObjectNode node = head(id, "chat.completion.chunk", created, model);
      delta(node, null).put("content", text);
      return node;
    }

    @Override
    ObjectNode closing(String id, long created, String model, Completion completion, boolean usage) {
      ObjectNode node = head(id, "chat.completion.chunk", created, model);
      delta(node, finishReason(completion.finishReason()));
      if (usage) {
        node.set("usage", usage(completion));
      }
      return node;
    }

    private static ObjectNode delta(ObjectNode node, String finishReason) {
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode delta = choice.putObject("delta");
      choice.putNull("logprobs");
      if (finishReason == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finishReason);
      }
      return delta;
    }
  }
}
