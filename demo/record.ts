// demo/: `npm run demo:record`: record.ts plays a scene (demo/scenes/) in real Chromium through the scene
// API and the director in demo/lib/, and writes the video, its poster and a manifest.

/**
 * `npm run demo:record [-- demo/scenes/<name>.ts] [--out <dir>] [--docs-poster <file.png>]`: records a
 * scene (default: the full playground tour) to <dir>/<name>.mp4, <name>.png and <name>.json (default dir:
 * demo/out); `--docs-poster` also writes a small copy of the poster (how docs/demo-poster.png is made).
 * Builds the app first when there is no production build. See demo/lib/scene.ts for writing a scene.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compactPoster } from './lib/ffmpeg';
import { recordScene } from './lib/recording';

const repoRoot = path.resolve(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: path.join(repoRoot, 'demo/out') },
    'docs-poster': { type: 'string' },
  },
});
const scenePath = positionals[0] ?? path.join(repoRoot, 'demo/scenes/playground.ts');

// NEXT_DIST_DIR (next.config.js) lets a second build folder coexist; the server started below reads it too.
if (!fs.existsSync(path.join(repoRoot, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
  console.log('No production build yet: running next build…');
  const build = spawnSync('npx', ['next', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

try {
  const started = performance.now();
  const manifest = await recordScene({ scenePath, outDir: path.resolve(values.out!) });
  const facts = manifest.videoFacts;
  console.log(
    `recorded ${manifest.scene} (${(manifest.sceneMs / 1000).toFixed(1)} s, ${manifest.people.join(' and ')}) in ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s\n` +
      `  video  ${manifest.video}  ${facts.width}x${facts.height} ${facts.codec}, ${facts.frames} frames, ${facts.durationS.toFixed(1)} s\n` +
      `  poster ${manifest.poster}`,
  );
  if (values['docs-poster']) {
    await compactPoster(path.join(repoRoot, manifest.poster), path.resolve(values['docs-poster']));
    console.log(`  small poster ${values['docs-poster']}`);
  }
} catch (error) {
  console.error(`demo:record failed: ${(error as Error).message}`);
  process.exit(1);
}
