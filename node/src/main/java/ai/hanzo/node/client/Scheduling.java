package ai.hanzo.node.client;

/**
 * Whether a node takes new work, after a cordon, drain or uncordon.
 *
 * @param drain the API's name of the phase: {@code DRAIN_PHASE_NONE}, {@code DRAIN_PHASE_DRAINING}, ...
 * @param deployments drain: how many deployments it is stopping; uncordon: how many it starts again
 */
public record Scheduling(boolean cordoned, String drain, int deployments, String message) {}
