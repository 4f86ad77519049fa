package ai.hanzo.node.usage;

import ai.hanzo.libp2p.crypto.KeyType;
import ai.hanzo.libp2p.crypto.PrivateKey;
import ai.hanzo.libp2p.crypto.PublicKey;
import ai.hanzo.libp2p.peer.PeerId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed usage statement: what a node says its deployments and callers used over a range, as one JSON document
 * that anyone can check on any machine without the node. The node signs the canonical form of every field but
 * {@code signature} with its libp2p identity key (Ed25519); the document carries that key, and its {@code peer_id}
 * must be the key's PeerId, so a verifier needs nothing else. Canonical form: keys sorted at every level, no
 * whitespace, and no floating-point numbers (decimals are strings with nine places), so every JSON library that
 * keeps strings and integers as they are rebuilds the same bytes.
 */
public final class UsageStatement {
  public static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The most a statement file may hold; a verifier refuses larger input before parsing it. */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  private UsageStatement() {}

  /** What a verified statement says (its document, signature removed). */
  public record Verified(String peerId, String nodeId, String since, String until, int computeRows,
      int inferenceRows, JsonNode document) {
  }

  /**
   * The statement of {@code page} (compute per hour and inference totals of one query), signed with {@code key}.
   *
   * @param org the query's organisation filter, {@code null} for none
   * @param deploymentId the query's deployment filter, {@code null} for none
   */
  public static String sign(UsagePage page, UsageQuery query, String nodeId, PrivateKey key, Instant now) {
    ObjectNode doc = JSON.createObjectNode()
        .put("version", VERSION)
        .put("node_id", nodeId)
        .put("peer_id", PeerId.fromPublicKey(key.publicKey()).toString())
        .put("public_key", Base64.getEncoder().encodeToString(key.publicKey().marshal()))
        .put("generated_at", millis(now))
        .put("since", millis(query.since()))
        .put("until", millis(query.until()))
        .put("org", query.org())
        .put("deployment_id", query.deploymentId())
        .put("compute_complete", page.computeComplete())
        .put("inference_complete", page.totalsComplete());
    ArrayNode compute = doc.putArray("compute");
    for (ComputeUsageRow row : page.compute()) {
      compute.addObject().put("org", row.org()).put("deployment_id", row.deploymentId())
          .put("start", millis(row.start())).put("end", millis(row.end()))
          .put("cpu_seconds", decimal(row.cpuSeconds())).put("memory_gib_seconds", decimal(row.memoryGibSeconds()))
          .put("gpu_seconds", decimal(row.gpuSeconds())).put("network_rx_bytes", row.rxBytes())
          .put("network_tx_bytes", row.txBytes()).put("intervals", row.intervals());
    }
    ArrayNode inference = doc.putArray("inference");
    for (UsageTotals t : page.totals()) {
      inference.addObject().put("org", t.org()).put("model", t.model()).put("requests", t.requests())
          .put("prompt_tokens", t.promptTokens()).put("completion_tokens", t.completionTokens());
    }
    byte[] signature = key.sign(canonical(doc));
    doc.put("signature", Base64.getEncoder().encodeToString(signature));
    return new String(canonical(doc), StandardCharsets.UTF_8) + "\n";
  }

  /**
   * Checks a statement: its key is an Ed25519 key, its {@code peer_id} is that key's, and the signature covers
   * everything else exactly.
   *
   * @throws IllegalArgumentException saying why it is not a valid statement
   */
  public static Verified verify(String text) {
    if (text.length() > MAX_BYTES) {
      throw new IllegalArgumentException("larger than " + MAX_BYTES + " bytes; not a usage statement");
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw new IllegalArgumentException("not a usage statement: a JSON object was expected");
    }
    ObjectNode doc = ((ObjectNode) parsed).deepCopy();
    if (doc.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException("not a usage statement of version " + VERSION);
    }
    byte[] signature = base64(doc.remove("signature"), "signature");
    PublicKey key;
    try {
      key = PublicKey.unmarshal(base64(doc.get("public_key"), "public_key"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("public_key is not a libp2p public key");
    }
    if (key.type() != KeyType.ED25519) {
      throw new IllegalArgumentException("public_key is a " + key.type() + " key; statements are signed with Ed25519");
    }
    String peerId = PeerId.fromPublicKey(key).toString();
    if (!peerId.equals(doc.path("peer_id").asText())) {
      throw new IllegalArgumentException("peer_id " + doc.path("peer_id").asText() + " is not the PeerId of public_key ("
          + peerId + ")");
    }
    if (!key.verify(canonical(doc), signature)) {
      throw new IllegalArgumentException("the signature does not verify: the statement was changed after "
          + peerId + " signed it, or never signed by it");
    }
    return new Verified(peerId, doc.path("node_id").asText(), doc.path("since").asText(),
        doc.path("until").asText(), doc.path("compute").size(), doc.path("inference").size(), doc);
  }

  /** Keys sorted at every level, no whitespace; refuses floating-point numbers (they have no one text). */
  static byte[] canonical(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(sorted(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static Object sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        fields.put(field.getKey(), sorted(field.getValue()));
      }
      return fields;
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(sorted(item)));
      return items;
    }
    if (node.isFloatingPointNumber()) {
      throw new IllegalArgumentException("a floating-point number (" + node + ") has no canonical form here");
    }
    return node;
  }

  private static byte[] base64(JsonNode value, String field) {
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    try {
      return Base64.getDecoder().decode(value.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not base64");
    }
  }

  private static String millis(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.9f", value);
  }
}
