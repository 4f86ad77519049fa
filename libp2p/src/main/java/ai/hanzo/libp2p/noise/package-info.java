/**
 * The Noise XX handshake and transport of libp2p ({@code /noise}): X25519, ChaCha20-Poly1305 and SHA-256, the
 * identity payload signed with the libp2p key, and the framed transport codec a Netty channel gets once the
 * handshake succeeded. The handshake is a plain state machine; the Netty handlers feed it.
 */
package ai.hanzo.libp2p.noise;
