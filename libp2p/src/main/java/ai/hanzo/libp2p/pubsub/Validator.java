package ai.hanzo.libp2p.pubsub;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a message of a topic is delivered and forwarded. Called on the router's thread:
 * return quickly, and do slow work asynchronously in the returned stage.
 */
@FunctionalInterface
public interface Validator {
  CompletionStage<ValidationResult> validate(PubsubMessage message);
}
