/** The placement decision of deploy-anywhere: ranking synthetic candidate nodes (JMH). */
package ai.hanzo.bench.placement;
