/**
 * The runc runtime's image store under {@code <data-dir>/images}: references, pulls over the distribution API v2
 * (Bearer and basic auth, retries), content-addressed blobs checked against digest and size while they stream,
 * loading OCI and {@code docker save} archives, and unpacking layers into root filesystems with OCI whiteouts. All
 * registry and archive content is untrusted: bounded, validated, and never allowed to write outside its rootfs.
 */
package ai.hanzo.node.runtime.image;
