/**
 * The llama.cpp engine: {@link ai.hanzo.node.inference.llama.LlamaEngine} runs GGUF models in process through
 * java-llama.cpp ({@code de.kherud:llama}, JNI; its jar carries the native library). The only package that touches
 * {@code de.kherud.llama}: everything else sees the {@code inference} SPI.
 */
package ai.hanzo.node.inference.llama;
