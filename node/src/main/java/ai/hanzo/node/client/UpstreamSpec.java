package ai.hanzo.node.client;

/**
 * A model of kind openai-upstream to add, as {@code models add-upstream} gives it; the node checks every field (0 in
 * a limit means the node's default).
 *
 * @param apiKeyFile a file whose first line is the key, or empty
 * @param apiKeyEnv a variable of the node's environment holding the key, or empty
 */
public record UpstreamSpec(String name, String url, String upstreamModel, String apiKeyFile, String apiKeyEnv,
    int maxInFlight, long connectTimeoutMs, long headersTimeoutMs, long idleTimeoutMs, int contextLength) {
}
