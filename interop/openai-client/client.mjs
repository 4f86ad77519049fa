// Drives a hanzo-node with the official OpenAI SDK, unchanged: node client.mjs <baseURL> <model>.
// The API key (a bearer token for a node with IAM on) comes from HANZO_API_KEY when it is set.
// Prints one JSON object with what each call answered, for ModelServingOpenAiIT to check.
import OpenAI from 'openai';

const [baseURL, model] = process.argv.slice(2);
// No retries: a refusal must reach the test as it was answered.
const client = new OpenAI({ baseURL, apiKey: process.env.HANZO_API_KEY || 'unused-without-iam', maxRetries: 0, timeout: 60_000 });
const out = {};

const models = await client.models.list();
out.models = models.data.map((m) => m.id);

const messages = [{ role: 'user', content: 'hello' }];
const whole = await client.chat.completions.create({ model, messages, max_tokens: 8, temperature: 0 });
out.chat = { content: whole.choices[0].message.content, finish: whole.choices[0].finish_reason, usage: whole.usage };

const stream = await client.chat.completions.create({ model, messages, max_tokens: 8, temperature: 0, stream: true });
let streamed = '';
let finish = null;
for await (const chunk of stream) {
  streamed += chunk.choices[0]?.delta?.content ?? '';
  finish = chunk.choices[0]?.finish_reason ?? finish;
}
out.stream = { content: streamed, finish };

const completion = await client.completions.create({ model, prompt: 'hello world', max_tokens: 4, temperature: 0 });
out.completion = { text: completion.choices[0].text, finish: completion.choices[0].finish_reason };

// The SDK asks for base64 vectors unless told otherwise and decodes them itself; ask both ways.
const embedded = await client.embeddings.create({ model, input: ['hello world', 'the node runs fast'] });
out.embeddings = { object: embedded.object, vectors: embedded.data.map((d) => Array.from(d.embedding)), usage: embedded.usage };
const floats = await client.embeddings.create({ model, input: 'hello world', encoding_format: 'float' });
out.embeddingFloat = floats.data[0].embedding;

try {
  await client.chat.completions.create({ model: 'no-such-model', messages });
  out.unknown = { status: 0 };
} catch (e) {
  out.unknown = { status: e.status, code: e.code, type: e.type, message: e.message, isNotFound: e instanceof OpenAI.NotFoundError };
}

console.log(JSON.stringify(out));
