/**
 * The gossip payloads of the four node topics as {@code network.proto} messages: the codecs {@code p2p.gossip} is
 * handed (it only knows {@code PayloadCodec}), kept beside the gossip code that uses them. This package and
 * {@code api} are the only ones outside the client and the composition root that touch protobuf, and it uses only
 * the generated {@code network.proto} messages, never gRPC or Armeria. Every required field is named when it is
 * missing.
 */
package ai.hanzo.node.p2p.gossip.wire;
