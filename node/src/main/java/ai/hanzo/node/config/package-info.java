/**
 * The validated configuration records ({@link ai.hanzo.node.config.NodeConfig} and its parts) and the precedence
 * flag > environment > config file > default that produces them. Every package may read these records; nothing here
 * depends on another node package. A bad value is a {@link ai.hanzo.node.config.ConfigException} naming the
 * setting, the value and what is expected.
 */
package ai.hanzo.node.config;
