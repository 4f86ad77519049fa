package ai.hanzo.node.client;

import java.util.List;

/** What a node answers a Deploy: the deployment's id and where its services listen. */
public record Deployed(boolean success, String deploymentId, String message, List<String> endpoints) {}
