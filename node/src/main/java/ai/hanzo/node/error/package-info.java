/**
 * The failures a caller sees: {@link ai.hanzo.node.error.NodeException} with a stable {@link
 * ai.hanzo.node.error.ErrorCode} (its name is on the wire), a message saying what was wrong and optional details.
 * Every layer may throw these; the package itself depends on the JDK only, so it stays a leaf.
 */
package ai.hanzo.node.error;
