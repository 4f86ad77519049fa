/** libp2p for the JVM on Netty; free of node concepts. */
package ai.hanzo.libp2p;
