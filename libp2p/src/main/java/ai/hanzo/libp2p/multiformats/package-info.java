/**
 * Multiformats as libp2p uses them: unsigned varints (minimal encoding only), multihash (identity and sha2-256),
 * multibase (base58btc, base32), multiaddr and the text forms of peer ids. Parsing is strict and never touches DNS;
 * malformed input is a {@link ai.hanzo.libp2p.multiformats.MultiformatException}.
 */
package ai.hanzo.libp2p.multiformats;
