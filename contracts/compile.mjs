// Compiles the contracts with the solc of package-lock.json (solc-js, the same compiler wherever it runs) and writes
// each contract's ABI (<Name>.abi.json) and deployable bytecode (<Name>.bin, hex) to the node's resources, where
// the node and its tests read them. `node compile.mjs --out DIR` writes them to DIR instead (the artifact test
// compares a fresh compile with the committed files that way).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = ['OperatorRegistry.sol'];
const EXPECTED_SOLC = '0.8.37';

const outFlag = process.argv.indexOf('--out');
const out = outFlag >= 0 ? path.resolve(process.argv[outFlag + 1])
  : path.join(here, '..', 'node', 'src', 'main', 'resources', 'ai', 'hanzo', 'node', 'chain');

if (!solc.version().startsWith(EXPECTED_SOLC + '+')) {
  console.error(`compile.mjs: solc ${solc.version()} is not ${EXPECTED_SOLC}; run npm ci in ${here}`);
  process.exit(1);
}

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(SOURCES.map((f) => [f, { content: fs.readFileSync(path.join(here, f), 'utf8') }])),
  settings: {
    // cancun: the newest EVM every chain the node targets runs (anvil's default is newer).
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) {
  console.error(e.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}

fs.mkdirSync(out, { recursive: true });
for (const file of SOURCES) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    fs.writeFileSync(path.join(out, `${name}.abi.json`), JSON.stringify(contract.abi, null, 2) + '\n');
    fs.writeFileSync(path.join(out, `${name}.bin`), contract.evm.bytecode.object + '\n');
    console.log(`compiled ${name} with solc ${solc.version()} into ${out}`);
  }
}
