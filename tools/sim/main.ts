// tools/sim/: the OpenAI-compatible model simulator for tests, benchmarks and trying failure modes
// (`npm run sim`). Not part of the production server.
/**
 * `npm run sim -- --port 8090 --ttft 120 --tps 80 --fault stall`: runs the model simulator. Flags win over
 * the SIM_* environment variables (SIM_PORT, SIM_TTFT_MS, SIM_TPS, SIM_FAULT, SIM_FAULT_AFTER, SIM_RESPONSE).
 * Point a tier at it with SPARKPAD_FAST_URL=http://127.0.0.1:8090; a model name such as
 * `sim:fault=401` or an `x-sim` header changes the behaviour of single requests.
 * `--as ollama --port 11434` (or llama.cpp, lm-studio, vllm) answers as that local model server, listing
 * `--models a,b` (one code model by default), so a Sparkpad started beside it finds it by itself.
 */
import { parseArgs } from 'node:util';
import { behaviourFromEnv, parseSimSpec } from './sim-behaviour';
import { SIM_IMPERSONATIONS, type SimImpersonation } from './sim-impersonation';
import { startModelSimulator } from './sim-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    ttft: { type: 'string' },
    tps: { type: 'string' },
    fault: { type: 'string' },
    after: { type: 'string' },
    response: { type: 'string' },
    as: { type: 'string' },
    models: { type: 'string' },
  },
});

const flags = (['ttft', 'tps', 'fault', 'after'] as const)
  .filter((k) => values[k] !== undefined)
  .map((k) => `${k}=${values[k]}`);
if (values.response !== undefined) flags.push(`response=${encodeURIComponent(values.response)}`);

try {
  const behaviour = parseSimSpec(flags.join(','), behaviourFromEnv(process.env));
  const as = values.as;
  if (as !== undefined && !(SIM_IMPERSONATIONS as readonly string[]).includes(as)) {
    throw new Error(`--as must be one of ${SIM_IMPERSONATIONS.join(', ')}`);
  }
  const sim = await startModelSimulator({
    as: as as SimImpersonation | undefined,
    models: values.models?.split(',').map((m) => m.trim()).filter(Boolean),
    port: Number(values.port ?? process.env.SIM_PORT ?? 8090),
    host: values.host ?? process.env.SIM_HOST ?? '127.0.0.1',
    behaviour,
  });
  console.log(`model simulator${as ? ` as ${as}` : ''} on ${sim.url} ${JSON.stringify(behaviour)}`);
  sim.events.on('close', (r) =>
    console.log(`#${r.id} ${r.endpoint} conn ${r.connectionId} ${r.tokensSent} tokens${r.closedByClient ? ' (cancelled)' : ''}`),
  );
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`sim: ${(error as Error).message}`);
  process.exit(2);
}
