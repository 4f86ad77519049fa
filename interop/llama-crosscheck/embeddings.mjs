// The reference side of LlamaEmbeddingCrossCheckIT and EmbeddingBench: node-llama-cpp's getEmbeddingFor on the
// same model file. Input on stdin: {"model", "prompts": [..], "threads": T, "contextSize": C, "runs": R};
// output on stdout: one JSON object with each prompt's tokens and vector (as node-llama-cpp answers it: not
// normalised) and, when runs > 0, the median embeddings per second over R passes of all prompts one at a time.
// Each prompt is given as the tokens of model.tokenize, which are the node's (LlamaCrossCheckIT); getEmbeddingFor
// puts the beginning-of-text token in front, as llama.cpp's server does.
import {getLlama} from "node-llama-cpp";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => text += chunk);
  process.stdin.on("end", () => resolve(text));
}));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// build: "never": the prebuilt CPU binary or nothing; nothing is compiled or downloaded at run time.
const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const model = await llama.loadModel({modelPath: input.model});
const context = await model.createEmbeddingContext({contextSize: input.contextSize ?? 256, threads: input.threads ?? 1});
const tokens = input.prompts.map((prompt) => Array.from(model.tokenize(prompt, false)));
const results = [];
for (let i = 0; i < tokens.length; i++) {
  const embedding = await context.getEmbeddingFor(tokens[i]);
  results.push({prompt: input.prompts[i], tokens: tokens[i], vector: Array.from(embedding.vector)});
}
const rates = [];
for (let run = 0; run < (input.runs ?? 0); run++) {
  const started = performance.now();
  for (const t of tokens) {
    await context.getEmbeddingFor(t);
  }
  rates.push(tokens.length / ((performance.now() - started) / 1000));
}
console.log(JSON.stringify({engine: "node-llama-cpp", release: llama.llamaCppRelease, results,
  embeddingsPerSecond: rates.length ? median(rates) : null}));
await context.dispose();
await model.dispose();
await llama.dispose();
