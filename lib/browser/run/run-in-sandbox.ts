import type { ExitStatus, OutputLevel, OutputLine } from '../../shared/document/run-log';
import { buildWorkerSource } from './worker-source';
import { transpileWorkspace } from './transpile';

export type { ExitStatus, OutputLevel, OutputLine };

export interface RunOptions {
  entry: string;
  /** Every file of the session, path -> text. */
  files: Record<string, string>;
  timeoutMs: number;
  onOutput(line: OutputLine): void;
  signal?: AbortSignal;
}

type FrameMessage =
  | { type: 'ready' }
  | { type: 'console'; level: OutputLevel; text: string }
  | { type: 'exit'; status: ExitStatus };

/**
 * Runs a file in a sandboxed iframe (`sandbox="allow-scripts"`: an opaque origin with no access to this
 * page, its storage or its tokens) that runs the code in a Worker, so an endless loop freezes nothing.
 * The frame stops the worker at the time limit; this side removes the frame as a backstop.
 */
export async function runInSandbox(options: RunOptions): Promise<ExitStatus> {
  const { entry, files, timeoutMs, onOutput, signal } = options;
  const [frameScript, runtime] = await Promise.all([sandboxScript('frame.js'), sandboxScript('worker-runtime.js')]);
  const { source: workerSource, spans } = buildWorkerSource(entry, transpileWorkspace(files), runtime);
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.style.display = 'none';
  frame.srcdoc = `<!doctype html><script>${frameScript}</script>`;

  return new Promise<ExitStatus>((resolve) => {
    const finish = (status: ExitStatus) => {
      window.removeEventListener('message', onMessage);
      clearTimeout(backstop);
      frame.remove();
      resolve(status);
    };
    const onMessage = (event: MessageEvent) => {
      // Only the frame we made may talk to us; its origin is opaque ("null"), so compare the window.
      if (event.source !== frame.contentWindow) return;
      const message = event.data as FrameMessage;
      switch (message.type) {
        case 'ready':
          frame.contentWindow?.postMessage({ type: 'run', workerSource, spans, timeoutMs }, '*');
          return;
        case 'console':
          onOutput({ level: message.level, text: String(message.text).slice(0, 10_000) });
          return;
        case 'exit':
          return finish(message.status);
      }
    };
    const backstop = setTimeout(() => finish('timeout'), timeoutMs + 2_000);
    signal?.addEventListener('abort', () => finish('timeout'), { once: true });
    window.addEventListener('message', onMessage);
    document.body.appendChild(frame);
  });
}

const scripts = new Map<string, Promise<string>>();

/** The sandbox's own scripts, fetched once from public/sandbox and passed in as text. */
function sandboxScript(name: string): Promise<string> {
  let script = scripts.get(name);
  if (!script) {
    script = fetch(`/sandbox/${name}`).then((response) => {
      if (!response.ok) throw new Error(`sandbox script ${name}: HTTP ${response.status}`);
      return response.text();
    });
    script.catch(() => scripts.delete(name));
    scripts.set(name, script);
  }
  return script;
}
