/**
 * The {@code runc} runtime: an OCI bundle per container (its {@code config.json} and a root filesystem overlaid on
 * the image's, or copied where overlay mounts are refused), run by {@code runc} under a shim, with stats from
 * {@code runc events}.
 */
package ai.hanzo.node.runtime.runc;
