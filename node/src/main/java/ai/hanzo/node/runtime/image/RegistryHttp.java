package ai.hanzo.node.runtime.image;

import ai.hanzo.node.runtime.ContainerRuntimeException;
import ai.hanzo.node.runtime.RuntimeErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GETs against one registry's distribution API with what every call needs: Bearer-token and basic auth answered
 * from the 401 challenge (tokens cached per repository scope), redirects followed by hand so that credentials never
 * go to another host (blob storage), and bounded retries with exponential backoff on 5xx, 429 and I/O errors.
 */
final class RegistryHttp {
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_TOKEN_BYTES = 1 << 20;

  private final RegistrySettings settings;
  private volatile HttpClient http;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();

  RegistryHttp(RegistrySettings settings) {
    this.settings = settings;
  }

  /**
   * Built on the first pull, not with the node: building an HTTP client initialises the JDK's default TLS context,
   * about a sixth of the main thread's work in a node start, and most nodes pull rarely.
   */
  private HttpClient http() {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        client = http;
        if (client == null) {
          client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.timeout()).build();
          http = client;
        }
      }
    }
    return client;
  }

  /** Something to do with a successful response; may throw IOException to ask for a retry. */
  interface Body<T> {
    T accept(HttpResponse<InputStream> response) throws IOException;
  }

  /** GETs {@code path} on {@code registry} for {@code repository}, retrying transient failures. */
  <T> T get(String registry, String repository, String path, String accept, Body<T> body) {
    URI uri = URI.create(baseUri(registry) + path);
    ContainerRuntimeException last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      if (attempt > 1) {
        pause(attempt);
      }
      try (Response response = send(uri, registry, repository, accept)) {
        int status = response.http.statusCode();
        if (status == 200) {
          return body.accept(response.http);
        }
        ContainerRuntimeException error = statusError(registry, repository, path, response.http);
        if (status < 500 && status != 429) {
          throw error;
        }
        last = error;
      } catch (IOException e) {
        last = new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "registry " + registry + " is "
            + "unreachable or failed (" + describe(e) + "); is it running, and is it an HTTPS registry? Plain-HTTP"
            + " registries must be listed with --insecure-registry", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerRuntimeException(RuntimeErrorCode.IO, "interrupted while talking to " + registry, e);
      }
    }
    throw last;
  }

  String baseUri(String registry) {
    String host = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    return (settings.insecure().contains(registry) ? "http://" : "https://") + host;
  }

  private record Response(HttpResponse<InputStream> http) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      http.body().close();
    }
  }

  private Response send(URI uri, String registry, String repository, String accept)
      throws IOException, InterruptedException {
    String scope = "repository:" + repository + ":pull";
    String cacheKey = registry + " " + scope;
    HttpResponse<InputStream> response = request(uri, accept, authorizations.get(cacheKey));
    if (response.statusCode() == 401) {
      Optional<AuthChallenge> challenge = AuthChallenge.parse(response.headers()
          .firstValue("WWW-Authenticate").orElse(null));
      response.body().close();
      if (challenge.isEmpty()) {
        throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "registry " + registry + " answered 401 "
            + "without a usable WWW-Authenticate challenge");
      }
      String authorization = authorize(registry, scope, challenge.get());
      authorizations.put(cacheKey, authorization);
      response = request(uri, accept, authorization);
    }
    for (int hops = 0; isRedirect(response.statusCode()); hops++) {
      Optional<String> location = response.headers().firstValue("Location");
      response.body().close();
      if (location.isEmpty() || hops >= MAX_REDIRECTS) {
        throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "registry " + registry
            + " redirects without end or without a Location");
      }
      URI next = uri.resolve(location.get());
      boolean sameOrigin = next.getHost() != null && next.getHost().equals(uri.getHost())
          && next.getPort() == uri.getPort();
      response = request(next, accept, sameOrigin ? authorizations.get(cacheKey) : null);
      uri = next;
    }
    return new Response(response);
  }

  private HttpResponse<InputStream> request(URI uri, String accept, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(settings.timeout())
        .header("Accept", accept);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private String authorize(String registry, String scope, AuthChallenge challenge)
      throws IOException, InterruptedException {
    Optional<RegistrySettings.Credentials> credentials = Optional.ofNullable(settings.credentials().get(registry));
    if (challenge.scheme().equals("basic")) {
      return basic(credentials.orElseThrow(() -> new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE,
          "registry " + registry + " requires a user name and password; give them in the registry auth file")));
    }
    if (!challenge.scheme().equals("bearer") || challenge.parameter("realm").isEmpty()) {
      throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "registry " + registry + " asks for "
          + "authentication scheme '" + challenge.scheme() + "', which is not supported (only Bearer and Basic)");
    }
    String query = "scope=" + URLEncoder.encode(challenge.parameters().getOrDefault("scope", scope),
        StandardCharsets.UTF_8);
    if (!challenge.parameter("service").isEmpty()) {
      query = "service=" + URLEncoder.encode(challenge.parameter("service"), StandardCharsets.UTF_8) + "&" + query;
    }
    URI realm = URI.create(challenge.parameter("realm"));
    URI tokenUri = URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query);
    HttpResponse<InputStream> response = request(tokenUri, "application/json",
        credentials.map(RegistryHttp::basic).orElse(null));
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "token service " + realm.getHost()
            + " of registry " + registry + " refused a token (HTTP " + response.statusCode() + ")"
            + (credentials.isEmpty() ? "; it may need credentials in the registry auth file" : ""));
      }
      JsonNode token = json.readTree(body.readNBytes(MAX_TOKEN_BYTES));
      String value = token == null ? "" : token.path("token").asText(token.path("access_token").asText(""));
      if (value.isEmpty()) {
        throw new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "token service of registry " + registry
            + " answered without a token");
      }
      return "Bearer " + value;
    }
  }

  private static String basic(RegistrySettings.Credentials credentials) {
    return "Basic " + Base64.getEncoder().encodeToString((credentials.username() + ":" + credentials.password())
        .getBytes(StandardCharsets.UTF_8));
  }

  private ContainerRuntimeException statusError(String registry, String repository, String path,
      HttpResponse<InputStream> response) throws IOException {
    int status = response.statusCode();
    String detail = registryMessage(response.body().readNBytes(64 * 1024));
    String what = repository + " (" + path.substring(path.lastIndexOf('/') + 1) + ")";
    if (status == 404) {
      return new ContainerRuntimeException(RuntimeErrorCode.NOT_FOUND, "registry " + registry + " has no " + what
          + detail);
    }
    if (status == 401 || status == 403) {
      return new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "registry " + registry + " denies access "
          + "to " + what + " (HTTP " + status + ")" + detail + "; check the registry auth file");
    }
    return new ContainerRuntimeException(RuntimeErrorCode.UNAVAILABLE, "registry " + registry + " answered HTTP "
        + status + " for " + what + detail);
  }

  private String registryMessage(byte[] body) {
    try {
      JsonNode errors = json.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        return ": " + errors.get(0).path("code").asText("") + " " + errors.get(0).path("message").asText("");
      }
    } catch (IOException | RuntimeException e) {
      // not the registry's JSON error body; the status says enough
    }
    return "";
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private void pause(int attempt) {
    long millis = Math.min(settings.backoff().toMillis() << (attempt - 2), 5_000);
    try {
      Thread.sleep(millis); // a pull runs on a caller's worker thread, never on an event loop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerRuntimeException(RuntimeErrorCode.IO, "interrupted while retrying a registry call", e);
    }
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
