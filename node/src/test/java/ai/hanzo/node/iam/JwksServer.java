package ai.hanzo.node.iam;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A JWKS and OIDC discovery document served over real HTTP on loopback; the key set can be swapped. */
final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger jwksFetches = new AtomicInteger();
  private volatile JWKSet keys;

  JwksServer(JWKSet keys) throws IOException {
    this.keys = keys;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jwks", exchange -> {
      jwksFetches.incrementAndGet();
      send(exchange, this.keys.toPublicJWKSet().toString());
    });
    server.createContext("/.well-known/openid-configuration",
        exchange -> send(exchange, "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwksUri() + "\"}"));
    server.start();
  }

  void setKeys(JWKSet newKeys) {
    keys = newKeys;
  }

  int jwksFetches() {
    return jwksFetches.get();
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  URI jwksUri() {
    return URI.create(issuer() + "/jwks");
  }

  private static void send(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
