// The reference side of LlamaCrossCheckIT: node-llama-cpp (its own llama.cpp build) tokenizes each prompt and
// continues it greedily, every sampler and penalty off, so the node's engine can be compared token for token.
// Input on stdin: {"model": PATH, "prompts": [..], "maxTokens": N}; output on stdout: one JSON object.
import {getLlama, LlamaCompletion} from "node-llama-cpp";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => text += chunk);
  process.stdin.on("end", () => resolve(text));
}));
// build: "never": the prebuilt CPU binary or nothing; a test must not compile llama.cpp or download anything.
const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const model = await llama.loadModel({modelPath: input.model});
const results = [];
for (const prompt of input.prompts) {
  const tokens = Array.from(model.tokenize(prompt, false));
  // A fresh context per prompt: nothing of the previous prompt is reused, as in the node (no prompt cache).
  const context = await model.createContext({contextSize: 256, sequences: 1, batchSize: 256, threads: input.threads ?? 1});
  const completion = new LlamaCompletion({contextSequence: context.getSequence()});
  // The tokens, not the string: given a string, LlamaCompletion tokenizes it by rules of its own, which differ from
  // model.tokenize (and from llama.cpp's server, which the node's engine uses); it prepends BOS to either.
  const generated = [];
  const text = await completion.generateCompletion(tokens, {
    maxTokens: input.maxTokens, temperature: 0, repeatPenalty: false, onToken: (t) => generated.push(...t),
  });
  results.push({prompt, tokens, completion: text, generated});
  await context.dispose();
}
console.log(JSON.stringify({engine: "node-llama-cpp", release: llama.llamaCppRelease, results}));
await model.dispose();
await llama.dispose();
