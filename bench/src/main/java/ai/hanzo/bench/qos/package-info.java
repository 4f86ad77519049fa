/**
 * QoS challenge round trips: {@link ai.hanzo.bench.qos.QosRoundTripBench} runs each challenge type between two real
 * libp2p hosts on loopback over {@code /hanzo/qos/1.0.0} (results in {@code bench/RESULTS.md}).
 */
package ai.hanzo.bench.qos;
