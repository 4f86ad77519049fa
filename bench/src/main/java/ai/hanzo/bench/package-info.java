/**
 * Benchmarks and load drivers for hanzo-node; run by hand, results in bench/RESULTS.md. {@link
 * ai.hanzo.bench.BenchNode} is the node the drivers start, through the launcher as an operator does.
 */
package ai.hanzo.bench;
