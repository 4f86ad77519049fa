/**
 * Values stored in the DHT and the rules that decide whether a value may be stored: one validator per key namespace
 * ({@code /pk/}, {@code /signed/}); keys of unknown namespaces are refused. The record store keeps each value for a
 * fixed time, bounded in size.
 */
package ai.hanzo.libp2p.kad.record;
