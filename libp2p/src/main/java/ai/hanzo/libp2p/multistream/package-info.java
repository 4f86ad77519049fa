/**
 * multistream-select 1.0 ({@code /multistream/1.0.0}): the message codec, pure dialer and
 * listener state machines, and adapters for a raw Netty channel ({@link
 * ai.hanzo.libp2p.multistream.MultistreamHandler}) and for muxed streams ({@link
 * ai.hanzo.libp2p.multistream.MultistreamClient}, {@link
 * ai.hanzo.libp2p.multistream.MultistreamListener}).
 */
package ai.hanzo.libp2p.multistream;
