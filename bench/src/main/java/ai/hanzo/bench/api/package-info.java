/**
 * API load benchmarks: GetStatus over loopback at a fixed number of closed-loop callers, the node's Armeria server
 * beside a bare grpc-java baseline, with and without IAM.
 */
package ai.hanzo.bench.api;
