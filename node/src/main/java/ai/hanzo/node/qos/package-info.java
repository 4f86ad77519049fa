/**
 * Quality of service between nodes, as values and rules with no I/O: the challenge types ({@link
 * ai.hanzo.node.qos.ChallengeType}), challenges signed by the challenger's libp2p Ed25519 key and proofs signed by
 * the provider's ({@link ai.hanzo.node.qos.SignedChallenge}, {@link ai.hanzo.node.qos.SignedProof}) over one
 * canonical encoding ({@link ai.hanzo.node.qos.Canonical}), the seeded work function of compute challenges
 * ({@link ai.hanzo.node.qos.PreimageWork}), the provider's answer with its replay and rate guards ({@link
 * ai.hanzo.node.qos.ChallengeResponder}), offline verification by anyone from the bytes alone ({@link
 * ai.hanzo.node.qos.ProofVerifier}: PeerIds embed Ed25519 public keys), the challenger's signed report of an outcome
 * that third parties check the same way ({@link ai.hanzo.node.qos.SignedResult}, {@link
 * ai.hanzo.node.qos.ResultVerifier}), and the score economics ({@link
 * ai.hanzo.node.qos.ScoreRules}: the weighted geometric mean, slashes, bans and grace). Model challenges derive
 * their prompt from the seed ({@link ai.hanzo.node.qos.ModelPrompt}) and answer with the generated text ({@link
 * ai.hanzo.node.qos.ModelAnswer}); the models run behind {@link ai.hanzo.node.qos.ModelRunner}, which the
 * composition root backs with the model server. A slash needs failures of distinct challengers ({@link
 * ai.hanzo.node.qos.FailureQuorum}, {@link ai.hanzo.node.qos.SlashEvidence}). The protocol that carries these is
 * {@code p2p.qos}; the records that keep them are in {@code storage}.
 */
package ai.hanzo.node.qos;
