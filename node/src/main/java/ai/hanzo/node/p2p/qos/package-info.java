/**
 * The libp2p protocol {@code /hanzo/qos/1.0.0}, on which a challenger sends a provider one signed challenge per
 * stream and gets back a signed proof or a refusal. {@link ai.hanzo.node.p2p.qos.QosServer} is the provider's end
 * (rate-limited per challenging peer, answered off the event loop by {@code qos}'s {@link
 * ai.hanzo.node.qos.ChallengeResponder}); {@link ai.hanzo.node.p2p.qos.QosClient} the challenger's; {@link
 * ai.hanzo.node.p2p.qos.QosChallenger} runs a whole challenge (ping or perf first for latency and bandwidth) and
 * judges it into an outcome. {@link ai.hanzo.node.p2p.qos.QosSampler} challenges a random sample of the peers on a
 * jittered schedule, and {@link ai.hanzo.node.p2p.qos.QosGossip} publishes the signed result of every challenge on
 * {@code hanzo/qos/v1} and checks those of others before {@link ai.hanzo.node.p2p.qos.QosService} folds their
 * proven passes into its scores. Messages are handed in as a codec ({@code p2p.qos.wire}), so this package never
 * sees wire types.
 */
package ai.hanzo.node.p2p.qos;
