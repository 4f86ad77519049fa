/** Load drivers of usage metering: the meter's cost per container and sample, and queries over a month of records. */
package ai.hanzo.bench.usage;
