/**
 * Plays one scene and turns it into files: starts the server (the same embedded defaults as `npm start`,
 * plus a local model simulator for instructions), plays the scene in Chromium with every person's window
 * recorded, then puts the recordings side by side in one MP4 and writes a poster and a manifest.
 * playwright-core must not be imported before installFfmpegShim() has run, hence the dynamic imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeSideBySide, installFfmpegShim, probeVideo, stackImages, type VideoFacts } from './ffmpeg';
import type { SceneModule } from './scene';

export interface RecordOptions {
  scenePath: string;
  outDir: string;
  /** Each person's window; overrides the scene's own `viewport` export. */
  viewport?: { width: number; height: number };
}

export interface RecordingManifest {
  scene: string;
  video: string;
  poster: string;
  /** Wall-clock time the video is meant to hold: from the first person's page opening to the scene's last step. */
  sceneMs: number;
  videoFacts: VideoFacts;
  people: string[];
  /** Where Spark's instructions were answered. */
  spark: 'simulator' | 'configured model';
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Two side by side make a 1920x720 video. */
const DEFAULT_VIEWPORT = { width: 960, height: 720 };
const REAL_MODEL = ['SPARKPAD_FAST_URL', 'SPARKPAD_DEEP_URL'];

export async function recordScene(options: RecordOptions): Promise<RecordingManifest> {
  const scenePath = path.resolve(options.scenePath);
  const name = path.basename(scenePath).replace(/\.[cm]?[tj]s$/, '');
  fs.mkdirSync(options.outDir, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `sparkpad-demo-${name}-`));
  const shimDir = installFfmpegShim();

  const module = (await import(pathToFileURL(scenePath).href)) as SceneModule;
  const scene = module.default;
  if (typeof scene !== 'function') throw new Error(`${options.scenePath} has no default export of the form async (demo) => {…}`);
  const viewport = options.viewport ?? module.viewport ?? DEFAULT_VIEWPORT;

  const [{ startModelSimulator }, { startServer }, { launchBrowser }, { Director }] = await Promise.all([
    import('../../tools/sim/sim-server'),
    import('../../test/helpers/server-process'),
    import('../../e2e/helpers/browser'),
    import('./director'),
  ]);
  const useSim = !REAL_MODEL.some((key) => process.env[key]);
  const sim = useSim ? await startModelSimulator({ port: 0 }) : null;
  const server = await startServer({
    next: true,
    dataDir: path.join(workDir, 'data'),
    // Completions stay on the embedded engine (fast tier); edits and chat go to the deep tier.
    env: sim ? { SPARKPAD_DEEP_URL: sim.url } : {},
  });
  const browser = await launchBrowser();
  const director = new Director(browser, server.url, workDir, viewport, sim);
  try {
    try {
      await scene(director);
    } catch (error) {
      for (const [i, { person }] of director.cast.entries()) {
        const shot = path.join(options.outDir, `${name}-failed-${i + 1}-${person.name}.png`);
        await person.page.screenshot({ path: shot }).catch(() => undefined);
      }
      const errors = pageErrors(director.cast);
      if (errors.length > 0) (error as Error).message += `\npage errors:\n  ${errors.join('\n  ')}`;
      throw error;
    }
    const ended = performance.now();
    if (director.cast.length === 0) throw new Error('the scene opened nobody: call demo.openUser(...)');
    if (!director.posterShots) await director.poster();

    // Steps before the first page (creating the session, a browser context) are not on any track.
    const firstStart = Math.min(...director.cast.map((c) => c.startedAt));
    const sceneMs = Math.round(ended - firstStart);
    // Recordings are complete only once their context is closed.
    const tracks = [];
    for (const { context, person, startedAt } of director.cast) {
      await context.close();
      tracks.push({ file: await person.page.video()!.path(), delayS: (startedAt - firstStart) / 1000 });
    }
    const video = path.join(options.outDir, `${name}.mp4`);
    const poster = path.join(options.outDir, `${name}.png`);
    await composeSideBySide(tracks, video);
    await stackImages(director.posterShots!, poster);
    const manifest: RecordingManifest = {
      scene: path.relative(repoRoot, scenePath),
      video: path.relative(repoRoot, video),
      poster: path.relative(repoRoot, poster),
      sceneMs,
      videoFacts: await probeVideo(video),
      people: director.cast.map((c) => c.person.name),
      spark: sim ? 'simulator' : 'configured model',
    };
    fs.writeFileSync(path.join(options.outDir, `${name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    const errors = pageErrors(director.cast);
    if (errors.length > 0) console.warn(`page errors during the scene:\n  ${errors.join('\n  ')}`);
    return manifest;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await sim?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.rmSync(shimDir, { recursive: true, force: true });
  }
}

/** Uncaught page errors, each distinct one once with its count, so a repeated one does not flood the log. */
function pageErrors(cast: Array<{ person: { name: string }; pageErrors: string[] }>): string[] {
  const counts = new Map<string, number>();
  for (const { person, pageErrors } of cast) {
    for (const error of pageErrors) counts.set(`${person.name}: ${error}`, (counts.get(`${person.name}: ${error}`) ?? 0) + 1);
  }
  return [...counts].map(([error, n]) => (n > 1 ? `${error} (×${n})` : error));
}
