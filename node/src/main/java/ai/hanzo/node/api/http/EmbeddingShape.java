package ai.hanzo.node.api.http;

import ai.hanzo.node.error.NodeException;
import ai.hanzo.node.inference.Embeddings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The answer of the embeddings routes: {@code data[{index, embedding}]} and {@code usage}, with OpenAI's
 * {@code object} and {@code model} fields on its route. OpenAI's route also takes {@code encoding_format}:
 * {@code float} (the default of the API) or {@code base64}, the vector's little-endian float32 bytes, which the
 * official SDKs ask for unless told otherwise (and decode themselves).
 */
final class EmbeddingShape {
  private EmbeddingShape() {
  }

  /**
   * Whether the vectors are to be base64; INVALID_ARGUMENT for any other {@code encoding_format} and for
   * {@code dimensions} (the node answers a model's whole vectors only: cutting them is no substitute for a model
   * trained to be cut, so it refuses rather than answer vectors of a length the client did not ask for).
   */
  static boolean base64(JsonNode body, boolean openAi) {
    if (body.hasNonNull("dimensions")) {
      throw NodeException.invalidField("dimensions", "is not supported: the node answers the model's own"
          + " embedding length");
    }
    JsonNode format = body.get("encoding_format");
    if (format == null || format.isNull()) {
      return false;
    }
    if (!openAi || !format.isTextual() || !(format.asText().equals("float") || format.asText().equals("base64"))) {
      throw NodeException.invalidField("encoding_format", openAi ? "must be \"float\" or \"base64\""
          : "is not a field of /v1/embed (it answers floats; /v1/embeddings takes it)");
    }
    return format.asText().equals("base64");
  }

  static ObjectNode body(String model, Embeddings embeddings, boolean openAi, boolean base64) {
    ObjectNode node = GenerationShape.JSON.createObjectNode();
    if (openAi) {
      node.put("object", "list");
      node.put("model", model);
    }
    ArrayNode data = node.putArray("data");
    for (int i = 0; i < embeddings.vectors().size(); i++) {
      float[] vector = embeddings.vectors().get(i);
      ObjectNode item = data.addObject();
      if (openAi) {
        item.put("object", "embedding");
      }
      item.put("index", i);
      if (base64) {
        item.put("embedding", encode(vector));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
    }
    ObjectNode usage = node.putObject("usage");
    usage.put("prompt_tokens", embeddings.promptTokens());
    usage.put("total_tokens", embeddings.promptTokens());
    return node;
  }

  private static String encode(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
