package ai.hanzo.node.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Anvil's own JSON-RPC methods the operator tests steer the chain with: automine off and on, mining a block,
 * dropping a transaction from the pool, reading the pool and nonces. Plain JSON over the JDK's HTTP client.
 */
public final class AnvilControl {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final URI rpc;

  public AnvilControl(Anvil anvil) {
    this.rpc = anvil.rpc();
  }

  public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object p : params) {
      array.add(JSON.valueToTree(p));
    }
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(rpc).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request.toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.get("error"));
    }
    return answer.get("result");
  }

  public void setAutomine(boolean on) throws IOException, InterruptedException {
    call("evm_setAutomine", on);
  }

  public void mine() throws IOException, InterruptedException {
    call("evm_mine");
  }

  public void dropTransaction(String hash) throws IOException, InterruptedException {
    call("anvil_dropTransaction", hash);
  }

  /** The hashes of every transaction in anvil's pool (pending and queued). */
  public List<String> poolHashes() throws IOException, InterruptedException {
    List<String> hashes = new ArrayList<>();
    collectHashes(call("txpool_content"), hashes);
    return hashes;
  }

  private static void collectHashes(JsonNode node, List<String> into) {
    if (node.isObject()) {
      if (node.has("hash") && node.get("hash").isTextual()) {
        into.add(node.get("hash").asText().toLowerCase(Locale.ROOT));
      }
      node.fields().forEachRemaining(e -> collectHashes(e.getValue(), into));
    } else if (node.isArray()) {
      node.forEach(n -> collectHashes(n, into));
    }
  }

  /** The account's transaction count at {@code block} ("latest" or "pending"). */
  public long nonce(String address, String block) throws IOException, InterruptedException {
    return new BigInteger(call("eth_getTransactionCount", address, block).asText().substring(2), 16).longValueExact();
  }

  /** The transaction as the chain knows it, if it does (in a block or in the pool). */
  public Optional<JsonNode> transaction(String hash) throws IOException, InterruptedException {
    JsonNode tx = call("eth_getTransactionByHash", hash);
    return tx == null || tx.isNull() ? Optional.empty() : Optional.of(tx);
  }

  public Optional<JsonNode> receipt(String hash) throws IOException, InterruptedException {
    JsonNode r = call("eth_getTransactionReceipt", hash);
    return r == null || r.isNull() ? Optional.empty() : Optional.of(r);
  }
}
