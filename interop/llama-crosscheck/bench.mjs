// The reference side of InferenceBench: node-llama-cpp on the same model file, the same prompt tokens and the same
// number of threads as the node, measured the same way. Input on stdin: {"model", "prompt", "generateTokens": N,
// "threads": T, "runs": R}; output on stdout: one JSON object with the medians. The prompt is given as the tokens
// of model.tokenize, which are the node's (LlamaCrossCheckIT).
import {getLlama, LlamaCompletion} from "node-llama-cpp";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => text += chunk);
  process.stdin.on("end", () => resolve(text));
}));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const rssBefore = process.memoryUsage().rss;
const model = await llama.loadModel({modelPath: input.model});
const context = await model.createContext({contextSize: 1024, sequences: 1, threads: input.threads});
const rssLoaded = process.memoryUsage().rss;
const sequence = context.getSequence();
const promptTokens = Array.from(model.tokenize(input.prompt, false));
const completion = new LlamaCompletion({contextSequence: sequence});

async function timed(maxTokens) {
  await sequence.clearHistory(); // nothing of the previous run is reused, as in the node (no prompt cache)
  const stamps = [];
  const started = performance.now();
  await completion.generateCompletion(promptTokens, {
    maxTokens, temperature: 0, repeatPenalty: false, onToken: () => stamps.push(performance.now()),
  });
  return {started, stamps, ended: performance.now()};
}

await timed(4); // warm-up
const promptRates = [];
const generationRates = [];
for (let run = 0; run < input.runs; run++) {
  const prompt = await timed(1);
  promptRates.push(promptTokens.length / ((prompt.ended - prompt.started) / 1000));
  const generation = await timed(input.generateTokens);
  const s = generation.stamps;
  generationRates.push((s.length - 1) / ((s[s.length - 1] - s[0]) / 1000));
}
console.log(JSON.stringify({
  promptTokensPerSecond: median(promptRates), generationTokensPerSecond: median(generationRates),
  promptTokens: promptTokens.length, loadedBytes: rssLoaded - rssBefore,
}));
await context.dispose();
await model.dispose();
await llama.dispose();
