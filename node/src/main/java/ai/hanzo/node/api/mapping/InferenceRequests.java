package ai.hanzo.node.api.mapping;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.ChatMessage;
import ai.hanzo.node.inference.GenerationParams;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The generation and embedding request bodies, read from JSON and checked into {@link TextGeneration}s: the
 * upstream {@code /v1/inference} shape and OpenAI's completions and chat completions. Fields these shapes define
 * but this node does not use (OpenAI's {@code user}, {@code presence_penalty}, ...) are ignored, as OpenAI-compatible
 * servers do, so the official SDKs work unchanged; fields it uses are held to their types and limits and a wrong one
 * is INVALID_ARGUMENT naming it.
 */
public final class InferenceRequests {
  /** Characters of a prompt, or of all chat messages together: far beyond any context this node loads. */
  public static final int MAX_PROMPT_CHARS = 256 * 1024;
  public static final int MAX_MESSAGES = 1024;
  public static final int MAX_EMBED_INPUTS = 256;
  /** Model names are short ({@code ModelStore}); a longer one is reported clipped, not echoed whole. */
  static final int MAX_MODEL_CHARS = 256;

  /** Deeply nested garbage fails fast rather than recursing: these bodies are two or three levels deep. */
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build()).build();

  private InferenceRequests() {}

  /** A request body as a JSON object; anything else (empty, not JSON, an array) is INVALID_ARGUMENT. */
  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the request body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the request body is not valid JSON: "
          + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new NodeException(ErrorCode.INVALID_ARGUMENT, "the request body must be a JSON object");
    }
    return node;
  }

  /** {@code POST /v1/inference}: {@code prompt}, {@code model}, {@code max_tokens}=256, 0.7, 0.9, stream, stop. */
  public static TextGeneration upstream(JsonNode body) {
    return new TextGeneration(model(body), requiredText(body, "prompt"),
        params(body, 256, 0.7, 0.9), bool(body, "stream"), true);
  }

  /**
   * {@code InferenceService.Generate} and {@code GenerateStream}: the upstream route's defaults and checks (256 tokens,
   * temperature 0.7, top_p 0.9), the fields of the message instead of a JSON body. Always with usage, as upstream.
   */
  public static TextGeneration generation(ai.hanzo.node.api.v1.GenerateRequest r, boolean stream) {
    String model = requiredText(r.getModel(), "model", MAX_MODEL_CHARS);
    String prompt = requiredText(r.getPrompt(), "prompt", MAX_PROMPT_CHARS);
    // uint32 on the wire: a value past 2^31 arrives negative
    int maxTokens = r.getMaxTokens() == 0 ? 256 : r.getMaxTokens();
    if (maxTokens < 1 || maxTokens > GenerationParams.MAX_TOKENS) {
      throw NodeException.invalidField("max_tokens", "must be between 1 and " + GenerationParams.MAX_TOKENS + ", was "
          + Integer.toUnsignedString(maxTokens));
    }
    if (r.getStopCount() > GenerationParams.MAX_STOP_SEQUENCES) {
      throw NodeException.invalidField("stop", "at most " + GenerationParams.MAX_STOP_SEQUENCES + " sequences");
    }
    List<String> stop = new ArrayList<>();
    for (int i = 0; i < r.getStopCount(); i++) {
      stop.add(checkedText(r.getStop(i), "stop[" + i + "]", GenerationParams.MAX_STOP_LENGTH));
    }
    long seed = r.hasSeed() ? r.getSeed() : ThreadLocalRandom.current().nextInt();
    GenerationParams params = new GenerationParams(maxTokens, r.hasTemperature() ? r.getTemperature() : 0.7,
        r.hasTopP() ? r.getTopP() : 0.9, stop, seed);
    return new TextGeneration(model, prompt, params, stream, true);
  }

  /** {@code InferenceService.Embed}'s inputs: 1 to 256 texts, each checked like a prompt. */
  public static List<String> embedInputs(List<String> input) {
    if (input.isEmpty() || input.size() > MAX_EMBED_INPUTS) {
      throw NodeException.invalidField("input", "must hold 1 to " + MAX_EMBED_INPUTS + " texts");
    }
    for (int i = 0; i < input.size(); i++) {
      checkedText(input.get(i), "input[" + i + "]", MAX_PROMPT_CHARS);
    }
    return List.copyOf(input);
  }

  /** A model name from a message field: required, at most 256 characters. */
  public static String model(String model) {
    return requiredText(model, "model", MAX_MODEL_CHARS);
  }

  private static String requiredText(String value, String field, int max) {
    String text = checkedText(value, field, max);
    if (text.isEmpty()) {
      throw NodeException.invalidField(field, "is required");
    }
    return text;
  }

  /** OpenAI {@code POST /v1/completions}: its defaults are 16 tokens, temperature 1, top_p 1. */
  public static TextGeneration completion(JsonNode body) {
    requireSingleChoice(body);
    JsonNode prompt = body.get("prompt");
    String text;
    if (prompt != null && prompt.isArray()) {
      if (prompt.size() != 1 || !prompt.get(0).isTextual()) {
        throw NodeException.invalidField("prompt", "must be a string or a list of exactly one string");
      }
      text = checkedText(prompt.get(0).asText(), "prompt[0]", MAX_PROMPT_CHARS);
    } else {
      text = requiredText(body, "prompt");
    }
    return new TextGeneration(model(body), text, params(body, 16, 1, 1), bool(body, "stream"),
        includeUsage(body));
  }

  /**
   * OpenAI {@code POST /v1/chat/completions}. The messages are formatted by the model's own chat template (GGUF
   * {@code tokenizer.chat_template}) where it has one; for a model without one they become a plain transcript
   * ({@code role: content} lines, then {@code assistant:}); without
   * {@code max_tokens} (or {@code max_completion_tokens}) the completion may fill the context, as OpenAI's does.
   */
  public static TextGeneration chat(JsonNode body) {
    requireSingleChoice(body);
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw NodeException.invalidField("messages", "must be a non-empty list of {role, content}");
    }
    if (messages.size() > MAX_MESSAGES) {
      throw NodeException.invalidField("messages", "at most " + MAX_MESSAGES + " messages");
    }
    StringBuilder prompt = new StringBuilder();
    List<ChatMessage> chat = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String path = "messages[" + i + "]";
      if (!m.isObject()) {
        throw NodeException.invalidField(path, "must be an object with role and content");
      }
      String role = requiredText(m, "role", path + ".role", 32);
      if (!List.of("system", "developer", "user", "assistant", "tool").contains(role)) {
        throw NodeException.invalidField(path + ".role", "must be system, developer, user, assistant or tool");
      }
      String content = content(m.get("content"), path + ".content");
      chat.add(new ChatMessage(role, content));
      prompt.append(role).append(": ").append(content).append('\n');
      if (prompt.length() > MAX_PROMPT_CHARS) {
        throw NodeException.invalidField("messages", "together exceed " + MAX_PROMPT_CHARS + " characters");
      }
    }
    prompt.append("assistant:");
    // max_completion_tokens is the newer name of max_tokens; the context cuts the default to what is left.
    String maxField = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
    GenerationParams params = params(body, maxField, GenerationParams.MAX_TOKENS, 1, 1);
    return new TextGeneration(model(body), prompt.toString(), params, bool(body, "stream"), includeUsage(body),
        List.copyOf(chat));
  }

  /** The texts to embed: {@code field} is a string or a list of strings. */
  public static List<String> embedInputs(JsonNode body, String field) {
    JsonNode input = body.get(field);
    List<String> inputs = new ArrayList<>();
    if (input != null && input.isTextual()) {
      inputs.add(checkedText(input.asText(), field, MAX_PROMPT_CHARS));
    } else if (input != null && input.isArray() && !input.isEmpty() && input.size() <= MAX_EMBED_INPUTS) {
      for (int i = 0; i < input.size(); i++) {
        if (!input.get(i).isTextual()) {
          throw NodeException.invalidField(field + "[" + i + "]", "must be a string");
        }
        inputs.add(checkedText(input.get(i).asText(), field + "[" + i + "]", MAX_PROMPT_CHARS));
      }
    } else {
      throw NodeException.invalidField(field, "must be a string or a list of 1 to " + MAX_EMBED_INPUTS
          + " strings");
    }
    return inputs;
  }

  /**
   * Whether the client asked for {@code route: network} (where a model this node does not serve may be answered
   * by another node), in the body's {@code route} field or the {@code x-hanzo-route} header; {@code local} (the
   * default) keeps the request here. Any other value is INVALID_ARGUMENT naming where it came from.
   */
  public static boolean networkRoute(JsonNode body, String header) {
    JsonNode field = body.get("route");
    if (field != null && !field.isNull()) {
      if (!field.isTextual()) {
        throw NodeException.invalidField("route", "must be \"local\" or \"network\"");
      }
      return route(field.asText(), "route");
    }
    return header != null && route(header.trim(), "x-hanzo-route");
  }

  /**
   * {@link #networkRoute(JsonNode, String)} for a message: its {@code route} field when set (empty is unset, as
   * proto3 has it), else the {@code x-hanzo-route} metadata.
   */
  public static boolean networkRoute(String field, String header) {
    if (!field.isEmpty()) {
      return route(field, "route");
    }
    return header != null && route(header.trim(), "x-hanzo-route");
  }

  private static boolean route(String value, String where) {
    return switch (value) {
      case "network" -> true;
      case "local", "" -> false;
      default -> throw NodeException.invalidField(where, "must be \"local\" or \"network\", was '"
          + (value.length() > 32 ? value.substring(0, 32) + "..." : value) + "'");
    };
  }

  /** The {@code model} field; a name too long to be one is refused here rather than looked up. */
  public static String model(JsonNode body) {
    return requiredText(body, "model", "model", MAX_MODEL_CHARS);
  }

  private static String content(JsonNode content, String path) {
    if (content != null && content.isTextual()) {
      return checkedText(content.asText(), path, MAX_PROMPT_CHARS);
    }
    if (content != null && content.isArray()) {
      // OpenAI's content parts: only text parts can reach a text model.
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < content.size(); i++) {
        JsonNode part = content.get(i);
        if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
          throw NodeException.invalidField(path + "[" + i + "]", "only {\"type\": \"text\", \"text\": ...} parts"
              + " are supported");
        }
        text.append(checkedText(part.get("text").asText(), path + "[" + i + "].text", MAX_PROMPT_CHARS));
      }
      return text.toString();
    }
    throw NodeException.invalidField(path, "must be a string or a list of text parts");
  }

  private static GenerationParams params(JsonNode body, int defaultMax, double defaultTemperature,
      double defaultTopP) {
    return params(body, "max_tokens", defaultMax, defaultTemperature, defaultTopP);
  }

  private static GenerationParams params(JsonNode body, String maxField, int defaultMax, double defaultTemperature,
      double defaultTopP) {
    int maxTokens = integer(body, maxField, defaultMax);
    if (maxTokens < 1 || maxTokens > GenerationParams.MAX_TOKENS) {
      throw NodeException.invalidField(maxField, "must be between 1 and " + GenerationParams.MAX_TOKENS + ", was "
          + maxTokens);
    }
    double temperature = number(body, "temperature", defaultTemperature);
    double topP = number(body, "top_p", defaultTopP);
    long seed = body.hasNonNull("seed") ? seed(body.get("seed")) : ThreadLocalRandom.current().nextInt();
    return new GenerationParams(maxTokens, temperature, topP, stop(body.get("stop")), seed);
  }

  private static List<String> stop(JsonNode stop) {
    if (stop == null || stop.isNull()) {
      return List.of();
    }
    if (stop.isTextual()) {
      return List.of(checkedText(stop.asText(), "stop", GenerationParams.MAX_STOP_LENGTH));
    }
    if (!stop.isArray()) {
      throw NodeException.invalidField("stop", "must be a string or a list of strings");
    }
    if (stop.size() > GenerationParams.MAX_STOP_SEQUENCES) {
      throw NodeException.invalidField("stop", "at most " + GenerationParams.MAX_STOP_SEQUENCES + " sequences");
    }
    List<String> sequences = new ArrayList<>();
    for (int i = 0; i < stop.size(); i++) {
      if (!stop.get(i).isTextual()) {
        throw NodeException.invalidField("stop[" + i + "]", "must be a string");
      }
      sequences.add(checkedText(stop.get(i).asText(), "stop[" + i + "]", GenerationParams.MAX_STOP_LENGTH));
    }
    return sequences;
  }

  private static long seed(JsonNode seed) {
    if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
      throw NodeException.invalidField("seed", "must be an integer");
    }
    return seed.asLong();
  }

  private static void requireSingleChoice(JsonNode body) {
    if (body.hasNonNull("n") && !(body.get("n").isIntegralNumber() && body.get("n").asLong() == 1)) {
      throw NodeException.invalidField("n", "only 1 choice per request is supported");
    }
  }

  private static boolean includeUsage(JsonNode body) {
    JsonNode options = body.get("stream_options");
    return options != null && options.isObject() && options.path("include_usage").asBoolean(false);
  }

  private static boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw NodeException.invalidField(field, "must be true or false");
    }
    return v.asBoolean();
  }

  private static int integer(JsonNode body, String field, int defaultValue) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isIntegralNumber()) {
      throw NodeException.invalidField(field, "must be an integer");
    }
    if (!v.canConvertToInt()) {
      throw NodeException.invalidField(field, "must be between 1 and " + GenerationParams.MAX_TOKENS);
    }
    return v.asInt();
  }

  private static double number(JsonNode body, String field, double defaultValue) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      throw NodeException.invalidField(field, "must be a number");
    }
    return v.asDouble();
  }

  private static String requiredText(JsonNode body, String field) {
    return requiredText(body, field, field, MAX_PROMPT_CHARS);
  }

  private static String requiredText(JsonNode body, String field, String path, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw NodeException.invalidField(path, "is required");
    }
    if (!v.isTextual()) {
      throw NodeException.invalidField(path, "must be a string");
    }
    String text = checkedText(v.asText(), path, max);
    if (text.isEmpty()) {
      throw NodeException.invalidField(path, "must not be empty");
    }
    return text;
  }

  /** At most {@code max} characters, well-formed Unicode, no NUL: what llama.cpp's tokenizer can take safely. */
  static String checkedText(String s, String path, int max) {
    FieldRules.text(s, path, max, false);
    return s;
  }
}
