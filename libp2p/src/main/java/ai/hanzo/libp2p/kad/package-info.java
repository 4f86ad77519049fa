/**
 * The Kademlia DHT of libp2p ({@code /ipfs/kad/1.0.0}): {@link ai.hanzo.libp2p.kad.KadDht} on a
 * {@link ai.hanzo.libp2p.host.Host} gives peer routing, signed and public-key values, and
 * provider records. Sub-packages: {@code wire} (messages and framing), {@code routing} (key
 * space, k-buckets), {@code query} (the iterative lookup), {@code record} and {@code provider}
 * (validation and stores), {@code net} (streams).
 */
package ai.hanzo.libp2p.kad;
