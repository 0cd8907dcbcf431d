/**
 * Code that runs inside the sandbox, kept as functions and shipped as source text (`String(fn)`): the
 * sandboxed frame has an opaque origin and cannot load scripts from ours. Neither function may refer to
 * anything outside itself.
 *
 * frame (opaque origin, no DOM access to the page) -> blob Worker (its own thread, so an endless loop
 * freezes nothing and `terminate()` stops it).
 */
export function frameBootstrap(): void {
  let worker: Worker | null = null;
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type: string; workerSource: string; timeoutMs: number };
    if (data?.type !== 'run' || worker) return;
    const url = URL.createObjectURL(new Blob([data.workerSource], { type: 'text/javascript' }));
    worker = new Worker(url);
    const post = (message: unknown) => window.parent.postMessage(message, '*');
    const timer = setTimeout(() => {
      worker?.terminate();
      post({ type: 'exit', status: 'timeout' });
    }, data.timeoutMs);
    worker.onmessage = (message) => {
      post(message.data);
      if ((message.data as { type: string }).type === 'exit') {
        clearTimeout(timer);
        worker?.terminate();
      }
    };
    worker.onerror = (error) => {
      error.preventDefault();
      post({ type: 'console', level: 'error', text: `Uncaught ${error.message}` });
      post({ type: 'exit', status: 'error' });
      clearTimeout(timer);
      worker?.terminate();
    };
  });
  window.parent.postMessage({ type: 'ready' }, '*');
}

/**
 * The worker's runtime. The worker source defines `__modules` (path -> module function, the user's code
 * inlined: the page's CSP forbids eval), `__starts` (path -> first line of that module in the worker
 * source, to map error lines back) and `__entry` before this runs.
 */
export function workerBootstrap(): void {
  type ModuleFn = (exports: unknown, require: (spec: string) => unknown, module: { exports: unknown }) => void;
  const scope = self as unknown as { __modules: Record<string, ModuleFn>; __starts: Record<string, number>; __entry: string };
  const { __modules: modules, __starts: starts, __entry: entry } = scope;
  const post = (message: unknown) => (self as unknown as Worker).postMessage(message);
  const show = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try {
      return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
    } catch {
      return String(value);
    }
  };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => post({ type: 'console', level, text: args.map(show).join(' ') });
  }
  /** Maps a line of the worker source back to "file:line". */
  const where = (stack: string): string => {
    const match = /:(\d+):\d+\)?\s*(?:\n|$)/.exec(stack);
    if (!match) return '';
    const line = Number(match[1]);
    let best: [string, number] | null = null;
    for (const [path, start] of Object.entries(starts)) {
      if (start <= line && (!best || start > best[1])) best = [path, start];
    }
    return best ? ` (${best[0]}:${line - best[1] + 1})` : '';
  };
  let pendingTimers = 0;
  let failed = false;
  const realSetTimeout = self.setTimeout.bind(self);
  // The run ends when the entry module has returned and no timer it started is pending.
  const finishIfIdle = () =>
    realSetTimeout(() => pendingTimers === 0 && post({ type: 'exit', status: failed ? 'error' : 'ok' }), 0);
  (self as unknown as { setTimeout: unknown }).setTimeout = (fn: () => void, ms?: number) => {
    pendingTimers++;
    return realSetTimeout(() => {
      pendingTimers--;
      try {
        fn();
      } catch (error) {
        fail(error);
      } finally {
        finishIfIdle();
      }
    }, ms);
  };
  const fail = (error: unknown) => {
    failed = true;
    const e = error instanceof Error ? error : new Error(show(error));
    post({ type: 'console', level: 'error', text: `Uncaught ${e.name}: ${e.message}${where(e.stack ?? '')}` });
  };
  self.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    fail((event as PromiseRejectionEvent).reason);
    finishIfIdle();
  });
  const cache: Record<string, { exports: unknown }> = {};
  const resolve = (from: string, spec: string): string | null => {
    const base = from.split('/').slice(0, -1);
    for (const part of spec.split('/')) {
      if (part === '..') base.pop();
      else if (part !== '.') base.push(part);
    }
    const path = base.join('/');
    const candidates = [path, `${path}.ts`, `${path}.tsx`, `${path}.js`, `${path}/index.ts`, `${path}/index.js`];
    return candidates.find((candidate) => candidate in modules) ?? null;
  };
  const load = (path: string): unknown => {
    if (cache[path]) return cache[path].exports;
    const module = { exports: {} as unknown };
    cache[path] = module;
    const require = (spec: string) => {
      const target = spec.startsWith('.') ? resolve(path, spec) : null;
      if (!target) throw new Error(`Cannot find module '${spec}' (only the session's own files can be required)`);
      return load(target);
    };
    modules[path]!(module.exports, require, module);
    return module.exports;
  };
  try {
    load(entry);
  } catch (error) {
    fail(error);
  }
  finishIfIdle();
}
