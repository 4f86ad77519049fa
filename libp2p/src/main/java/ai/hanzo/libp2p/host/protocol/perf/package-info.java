/** Perf {@code /perf/1.0.0} (libp2p specs perf/perf.md): server and timing client. */
package ai.hanzo.libp2p.host.protocol.perf;
