package ai.hanzo.bench.iam;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A JWKS holding one public key, served over loopback HTTP the way an identity provider serves its keys. */
public final class LoopbackJwks implements AutoCloseable {
  private final HttpServer server;

  public LoopbackJwks(JWK key) throws IOException {
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/jwks.json", exchange -> {
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
