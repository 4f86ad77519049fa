/**
 * Provider records: who announced that it can serve a key, each announcement valid for a fixed time unless renewed,
 * bounded per key and in total. Provider keys are sha2-256 multihashes, the form js-libp2p checks for.
 */
package ai.hanzo.libp2p.kad.provider;
