package ai.hanzo.node.models;

import ai.hanzo.node.error.NodeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a model of kind {@code openai-upstream} is served: an OpenAI-compatible server the operator runs (vLLM,
 * llama-server, mlx_lm.server, another hanzo-node). The API key itself is never stored here, only where to read it
 * (a file or an environment variable of the node), so it never appears in a record, a listing or a log.
 *
 * @param url the server's base URL, e.g. {@code http://10.0.0.5:8000/v1}; {@code /completions},
 *     {@code /chat/completions} and {@code /embeddings} are appended
 * @param model the model id the upstream knows the model by
 * @param apiKeyFile a file whose first line is the bearer token to send, or empty
 * @param apiKeyEnv an environment variable of the node holding the bearer token, or empty
 * @param tuning limits and facts set for this upstream (records written before it existed read as the defaults)
 */
public record UpstreamTarget(String url, String model, String apiKeyFile, String apiKeyEnv, UpstreamTuning tuning) {
  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_MODEL_LENGTH = 256;
  public static final int MAX_PATH_LENGTH = 4096;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public UpstreamTarget {
    url = url == null ? "" : url.strip();
    model = model == null ? "" : model.strip();
    apiKeyFile = apiKeyFile == null ? "" : apiKeyFile;
    apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv;
    tuning = tuning == null ? UpstreamTuning.DEFAULTS : tuning;
    checkUrl(url);
    if (model.isEmpty() || model.length() > MAX_MODEL_LENGTH || model.chars().anyMatch(Character::isISOControl)) {
      throw NodeException.invalidField("upstream_model", "must be 1 to " + MAX_MODEL_LENGTH
          + " characters without control characters");
    }
    if (apiKeyFile.length() > MAX_PATH_LENGTH || apiKeyFile.chars().anyMatch(Character::isISOControl)) {
      throw NodeException.invalidField("api_key_file", "must be a path of at most " + MAX_PATH_LENGTH
          + " characters");
    }
    if (!apiKeyEnv.isEmpty() && !ENV_NAME.matcher(apiKeyEnv).matches()) {
      throw NodeException.invalidField("api_key_env", "must be an environment variable name: letters, digits and"
          + " '_', at most 128, not starting with a digit");
    }
    if (!apiKeyFile.isEmpty() && !apiKeyEnv.isEmpty()) {
      throw NodeException.invalidField("api_key_env", "give the API key's file or its environment variable, not"
          + " both");
    }
  }

  /** An upstream with the default tuning. */
  public UpstreamTarget(String url, String model, String apiKeyFile, String apiKeyEnv) {
    this(url, model, apiKeyFile, apiKeyEnv, UpstreamTuning.DEFAULTS);
  }

  /** The base URL without a trailing slash, so paths append cleanly. */
  public String base() {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void checkUrl(String url) {
    if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
      throw NodeException.invalidField("url", "must be an http or https URL of at most " + MAX_URL_LENGTH
          + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw NodeException.invalidField("url", "is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw NodeException.invalidField("url", "must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw NodeException.invalidField("url", "names no host");
    }
    if (uri.getUserInfo() != null) {
      throw NodeException.invalidField("url", "must not carry credentials; give the API key with --api-key-file"
          + " or --api-key-env");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw NodeException.invalidField("url", "must be a base URL without a query or fragment");
    }
  }
}
