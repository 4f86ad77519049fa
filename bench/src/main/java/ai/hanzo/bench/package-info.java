/** Benchmarks and load drivers for hanzo-node; run by hand, results in bench/RESULTS.md. */
package ai.hanzo.bench;
