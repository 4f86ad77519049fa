// The reference side of InferenceBench: node-llama-cpp on the same model file, the same prompt tokens, the same
// context length and the same number of threads as the node, measured the same way, one round at a time so that
// the driver can alternate it with the node's rounds (A/B/A/B: the machine's load then hits both alike).
// stdin, one JSON object a line: first {"model", "prompt", "generateTokens": N, "threads": T, "contextSize": C},
// then {"round": i} for each round; an empty line or the end of stdin ends it. stdout, one JSON object a line:
// after the first, the setup (prompt tokens, memory, settings); after each round, its timings in milliseconds.
// The prompt is given as the tokens of model.tokenize, which are the node's (LlamaCrossCheckIT).
import {getLlama, LlamaCompletion} from "node-llama-cpp";
import {createInterface} from "node:readline";

const lines = createInterface({input: process.stdin})[Symbol.asyncIterator]();
const next = async () => {
  const {value, done} = await lines.next();
  return done || value.trim() === "" ? null : JSON.parse(value);
};
const input = await next();
const llama = await getLlama({gpu: false, build: "never", logLevel: "error"});
const rssBefore = process.memoryUsage().rss;
const model = await llama.loadModel({modelPath: input.model});
const context = await model.createContext({contextSize: input.contextSize, sequences: 1, threads: input.threads});
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

await timed(4); // warm-up: every weight page touched once
console.log(JSON.stringify({
  promptTokens: promptTokens.length, loadedBytes: rssLoaded - rssBefore,
  warmBytes: process.memoryUsage().rss - rssBefore, threads: context.idealThreads,
  contextSize: context.contextSize, batchSize: context.batchSize, flashAttention: context.flashAttention,
}));
for (let round = await next(); round != null; round = await next()) {
  const one = await timed(1);
  const many = await timed(input.generateTokens);
  const s = many.stamps;
  console.log(JSON.stringify({
    round: round.round, promptMs: one.ended - one.started, generationMs: many.ended - many.started,
    firstToLastMs: s[s.length - 1] - s[0], tokens: s.length,
  }));
}
await context.dispose();
await model.dispose();
await llama.dispose();
