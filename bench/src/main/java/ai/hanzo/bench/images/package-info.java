/**
 * Image pull time from a registry on loopback: cold (a fresh store) and warm.
 */
package ai.hanzo.bench.images;
