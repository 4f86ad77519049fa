/**
 * Host metrics and health: the sampler that reads CPU, memory and disk on its own thread, the Prometheus gauges
 * over its latest reading, and the health checks whose worst result is the node's health.
 */
package ai.hanzo.node.metrics;
