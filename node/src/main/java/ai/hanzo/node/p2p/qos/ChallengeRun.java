package ai.hanzo.node.p2p.qos;

import ai.hanzo.node.qos.ChallengeOutcome;
import ai.hanzo.node.qos.SignedChallenge;
import ai.hanzo.node.qos.SignedProof;
import java.util.Optional;

/** One challenge as the challenger ran it: what it sent, the proof it got (when it got one), and the outcome. */
public record ChallengeRun(SignedChallenge challenge, Optional<SignedProof> proof, ChallengeOutcome outcome) { }
