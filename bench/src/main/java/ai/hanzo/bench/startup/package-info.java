/**
 * Cold start to {@code /readiness} 200 and resident memory of an idle node.
 */
package ai.hanzo.bench.startup;
