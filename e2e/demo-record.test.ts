import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { probeVideo } from '../demo/lib/ffmpeg';
import type { RecordingManifest } from '../demo/lib/recording';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');

describe('npm run demo:record', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-demo-test-'));
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('records the short scene to a video that decodes and lasts the whole scene, plus a poster', { timeout: 240_000 }, async () => {
    const { stdout } = await run('npm', ['run', 'demo:record', '--', 'demo/scenes/short.ts', '--out', outDir], {
      cwd: repoRoot,
      timeout: 220_000,
    });
    expect(stdout).toContain('recorded demo/scenes/short.ts');

    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'short.json'), 'utf8')) as RecordingManifest;
    const video = path.join(outDir, 'short.mp4');
    expect(fs.statSync(video).size).toBeGreaterThan(10_000);
    // Decoded here, frame by frame, not taken from the recorder's own report.
    const facts = await probeVideo(video);
    expect(facts.codec).toBe('h264');
    expect(facts.frames).toBeGreaterThan(25);
    // Both people side by side: two 960-wide windows.
    expect(facts.width).toBe(1920);
    expect(facts.height).toBe(720);
    expect(manifest.people).toEqual(['Ada', 'Bo']);
    // The scene types two lines and pauses: it cannot play in under ~8 s, and the video holds all of it.
    expect(manifest.sceneMs).toBeGreaterThan(8_000);
    expect(facts.durationS * 1000).toBeGreaterThanOrEqual(manifest.sceneMs);
    expect(facts.frames).toBeGreaterThanOrEqual(Math.floor((manifest.sceneMs / 1000) * 25) - 1);

    const poster = fs.readFileSync(path.join(outDir, 'short.png'));
    expect(poster.subarray(1, 4).toString()).toBe('PNG');
    // PNG IHDR: width and height as big-endian integers at bytes 16 and 20.
    expect([poster.readUInt32BE(16), poster.readUInt32BE(20)]).toEqual([1920, 720]);
  });
});
