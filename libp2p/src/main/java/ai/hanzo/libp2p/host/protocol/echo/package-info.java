/** Echo {@code /echo/1.0.0}: raw bytes echoed as they arrive, with backpressure. */
package ai.hanzo.libp2p.host.protocol.echo;
