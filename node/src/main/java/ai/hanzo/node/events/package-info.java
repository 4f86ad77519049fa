/**
 * The node's in-process event bus and its event types. Publishing never blocks: each subscriber has a bounded queue
 * that drops its oldest event when full. Recent events are kept in storage for clients that reconnect.
 */
package ai.hanzo.node.events;
