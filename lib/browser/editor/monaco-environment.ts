'use client';

import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { loader } from '@monaco-editor/react';
import { markOpen } from '../ui/open-timeline';
import './monaco-languages';

/**
 * Monaco comes from our own bundle, never a CDN: `loader.config({ monaco })` hands @monaco-editor/react
 * the local instance. Import this module only from client-only code (it touches `self`).
 *
 * Each language service gets its own worker. One shared worker breaks the TypeScript service
 * ("Missing requestHandler or method: getSyntacticDiagnostics"). Workers start once the page is idle:
 * TypeScript's alone is 6 MB of script, and on a small machine compiling it competes with the frames
 * that first show the file. Monaco accepts a promised worker and queues its requests meanwhile.
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Promise<Worker> {
    return whenIdle().then(() => languageWorker(label));
  },
};

/** 1.5 s: past the first frames of a cold open, short enough that diagnostics follow soon after. */
const IDLE_TIMEOUT_MS = 1500;

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 0);
  });
}

function languageWorker(label: string): Worker {
  switch (label) {
    case 'typescript':
    case 'javascript':
      return new Worker(new URL('monaco-editor/esm/vs/language/typescript/ts.worker.js', import.meta.url), { type: 'module' });
    case 'json':
      return new Worker(new URL('monaco-editor/esm/vs/language/json/json.worker.js', import.meta.url), { type: 'module' });
    case 'css':
    case 'scss':
    case 'less':
      return new Worker(new URL('monaco-editor/esm/vs/language/css/css.worker.js', import.meta.url), { type: 'module' });
    case 'html':
    case 'handlebars':
    case 'razor':
      return new Worker(new URL('monaco-editor/esm/vs/language/html/html.worker.js', import.meta.url), { type: 'module' });
    default:
      return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module' });
  }
}

loader.config({ monaco });
markOpen('monaco-evaluated');

export { monaco };
export type Monaco = typeof monaco;
