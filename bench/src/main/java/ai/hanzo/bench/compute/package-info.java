/**
 * Compute benchmarks against a node started by {@code bin/hanzo-node run}: deploy latency until the first replica
 * runs, per runtime (Podman's Docker API for the docker row).
 */
package ai.hanzo.bench.compute;
