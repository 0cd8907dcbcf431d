// bench/: `npm run bench`: main.ts runs the parts (bench/parts/, one measurement each) on the helpers in
// bench/lib/ and prints one table of figures beside their goals; README.md says how each is taken.

/**
 * `npm run bench [-- <part>...] [--quick] [--clients 100,500] [--seconds 20] [--edits 200] [--configs a,b] [--no-build]`
 * Runs the selected parts (all by default), prints one table and writes bench/results/latest.json.
 * Nothing here is asserted: each figure is printed beside its goal, and a missed goal says NOT MET.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machineInfo } from './lib/machine';
import type { BenchOptions, Part } from './lib/part';
import { loadAverage, stopAllServers } from './lib/servers';
import { notAvailable, type Figure } from './lib/stats';
import { formatTable } from './lib/table';
import { blocksPart } from './parts/blocks';
import { capacityPart } from './parts/capacity';
import { clusterPart } from './parts/cluster';
import { enginePart } from './parts/engine';
import { keystrokePart } from './parts/keystroke';
import { nextEditPart } from './parts/next-edit';
import { noisyNeighbourPart } from './parts/noisy-neighbour';
import { openPart } from './parts/open';
import { peersPart } from './parts/peers';
import { proposalPart } from './parts/proposal';
import { relayPart } from './parts/relay';
import { takeoverPart } from './parts/takeover';

/** The order the parts run in, which is also the order of the table's rows. */
const PARTS: Part[] = [keystrokePart, proposalPart, peersPart, capacityPart, noisyNeighbourPart, relayPart, enginePart, clusterPart, takeoverPart, openPart, blocksPart, nextEditPart];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    clients: { type: 'string' },
    seconds: { type: 'string' },
    edits: { type: 'string' },
    positions: { type: 'string' },
    configs: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('npm run bench -- [part...] [--quick] [--clients 100,500,1000] [--seconds N] [--edits N] [--positions N] [--configs a,b] [--no-build]\n');
  for (const part of PARTS) console.log(`  ${part.name.padEnd(10)} ${part.summary}`);
  process.exit(0);
}

const unknown = positionals.filter((name) => !PARTS.some((p) => p.name === name));
if (unknown.length) {
  console.error(`unknown part(s): ${unknown.join(', ')}; parts are ${PARTS.map((p) => p.name).join(', ')}`);
  process.exit(2);
}
const selected = positionals.length ? PARTS.filter((p) => positionals.includes(p.name)) : PARTS;

const quick = values.quick;
const options: BenchOptions = {
  quick,
  // --quick is for development on a shared machine: small enough to finish in about two minutes.
  clients: values.clients ? values.clients.split(',').map(Number) : quick ? [20] : [400, 600, 800, 1000, 1200, 1500, 1800, 2100, 2400],
  seconds: Number(values.seconds ?? (quick ? 5 : 20)),
  edits: Number(values.edits ?? (quick ? 40 : 200)),
  positions: Number(values.positions ?? (quick ? 100 : 400)),
  configs: values.configs ? values.configs.split(',') : null,
  build: !values['no-build'],
};

process.once('SIGINT', () => void stopAllServers().then(() => process.exit(130)));

const started = Date.now();
const machine = machineInfo();
const figures: Figure[] = [];
for (const part of selected) {
  const partStart = Date.now();
  const log = (message: string) => console.error(`[${part.name} +${((Date.now() - partStart) / 1000).toFixed(1)}s] ${message}`);
  log('start');
  try {
    // The model simulator runs in this process; an exception thrown from one of its callbacks must cost
    // its part, not the whole table.
    let onCrash: (error: Error) => void = () => undefined;
    const crashed = new Promise<never>((_, reject) => (onCrash = reject));
    process.on('uncaughtException', onCrash);
    const run = part.run({ options, log });
    // After a crash the part may still reject later (its own timeouts); that must not end the process.
    run.catch(() => undefined);
    try {
      figures.push(...(await Promise.race([run, crashed])));
    } finally {
      process.off('uncaughtException', onCrash);
    }
  } catch (error) {
    // One broken part must not cost the others their numbers.
    log(`failed: ${(error as Error).stack ?? error}`);
    figures.push(notAvailable(part.name, part.name, `failed: ${(error as Error).message.split('\n')[0]}`));
  }
  log('done');
}

const durationS = Math.round((Date.now() - started) / 1000);
console.log(`\nSparkpad bench · ${machine.cpuModel} x${machine.cores} · node ${machine.node} · ${durationS} s · load ${machine.loadAverageAtStart} -> ${loadAverage()}\n`);
console.log(formatTable(figures));

const resultsDir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
const result = {
  startedAt: new Date(started).toISOString(),
  durationS,
  parts: selected.map((p) => p.name),
  options,
  machine: { ...machine, loadAverageAtEnd: loadAverage() },
  figures,
};
// Written beside and renamed, so an interrupted run never leaves half a file.
const tmp = path.join(resultsDir, 'latest.json.tmp');
// Microseconds are the finest grain any figure here can claim; more digits would be noise.
const rounded = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value);
fs.writeFileSync(tmp, `${JSON.stringify(result, rounded, 2)}\n`);
fs.renameSync(tmp, path.join(resultsDir, 'latest.json'));
console.log(`\nwrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}`);
await stopAllServers();
// Lingering handles (browsers, sockets) must not keep a finished run alive.
process.exit(0);
