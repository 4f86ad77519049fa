/**
 * Start and stop of the node's services: the {@link ai.hanzo.node.lifecycle.ServiceController} starts them in order
 * and stops them in reverse, each within its own timeout, and stops what already started when one fails.
 */
package ai.hanzo.node.lifecycle;
