/**
 * The key space and the routing table: 256-bit ids with XOR distance, k-buckets with replacement candidates, the
 * maintainer that pings a full bucket's oldest member before replacing it, and the targets used to refresh a
 * bucket.
 */
package ai.hanzo.libp2p.kad.routing;
