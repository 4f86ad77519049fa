/**
 * The libp2p key types: Ed25519, ECDSA P-256 and secp256k1 key pairs, RSA public keys (verify only), and the
 * protobuf key envelope of {@code keys.proto} they marshal to. A peer id is derived from the marshalled public key,
 * so this envelope is what equality means. {@link ai.hanzo.libp2p.crypto.KeyFiles} keeps a node's private key on
 * disk, readable by its owner only.
 */
package ai.hanzo.libp2p.crypto;
