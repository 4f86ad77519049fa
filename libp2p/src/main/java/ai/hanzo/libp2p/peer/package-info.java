/**
 * The libp2p peer id: the multihash of a marshalled public key (inlined for keys up to 42 bytes, else sha2-256).
 */
package ai.hanzo.libp2p.peer;
