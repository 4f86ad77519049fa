package ai.hanzo.node.client;

import java.util.List;

/**
 * A node's health (GetHealth). Components are named and ordered as the API's JSON names the fields, so the CLI's
 * {@code -o json} keeps the node's shape; so are those of every answer record of this package.
 *
 * @param status the API's name of the state: {@code HEALTH_STATUS_HEALTHY}, ...
 * @param consensus {@code null} when the node sent none
 * @param checks each check behind the status with its own result and reason (empty from a node that sends none)
 */
public record Health(String status, String version, boolean mlxEnabled, List<String> models, Consensus consensus,
    List<Check> checks) {

  public record Consensus(boolean synced, long blockHeight, String networkId) {}

  /** @param status as {@code status} above: {@code HEALTH_STATUS_DEGRADED}, ... */
  public record Check(String name, String status, String reason) {}
}
