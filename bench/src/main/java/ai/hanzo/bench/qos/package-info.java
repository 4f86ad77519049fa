/**
 * QoS challenges: {@link ai.hanzo.bench.qos.QosRoundTripBench} runs each challenge type between two real libp2p
 * hosts on loopback over {@code /hanzo/qos/1.0.0}; {@link ai.hanzo.bench.qos.QosSamplingLoadBench} measures the CPU
 * a provider process spends answering the scheduled challenges of 100 peers (results in {@code bench/RESULTS.md}).
 */
package ai.hanzo.bench.qos;
