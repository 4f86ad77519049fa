/** The parameters and thresholds of gossipsub v1.1 peer scoring, as immutable records. */
package ai.hanzo.libp2p.pubsub.score;
