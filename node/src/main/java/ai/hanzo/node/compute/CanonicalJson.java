package ai.hanzo.node.compute;

import ai.hanzo.node.error.ErrorCode;
import ai.hanzo.node.error.NodeException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Specs as JSON with sorted keys, so equal specs give equal text (and equal hashes) in every JVM. */
final class CanonicalJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .build();

  private CanonicalJson() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new NodeException(ErrorCode.INTERNAL, "cannot encode the deployment spec: " + e.getMessage());
    }
  }

  /** What a replica of {@code service} is made from; a change means its replicas must be replaced. */
  static String specHash(DeploymentRequest request, String service) {
    String text = write(new Object[] {request.project().services().get(service), request.environment()});
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
