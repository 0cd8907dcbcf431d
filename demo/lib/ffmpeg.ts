/**
 * Video plumbing on Debian's ffmpeg. Playwright records video by piping frames into its own ffmpeg build,
 * which it would download; it finds it at `$PLAYWRIGHT_BROWSERS_PATH/ffmpeg-<rev>/ffmpeg-linux`. We make a
 * folder where that name is a symlink to the system ffmpeg (it has libvpx, which Playwright's VP8 args
 * need), so recording works offline. The revision comes from playwright-core's own browsers.json, so an
 * upgrade of playwright-core keeps working without editing a number here.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? '/usr/bin/ffprobe';

/** The ffmpeg revision the installed playwright-core expects. */
export function playwrightFfmpegRevision(): string {
  const require = createRequire(import.meta.url);
  const browsersJson = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'browsers.json');
  const { browsers } = JSON.parse(fs.readFileSync(browsersJson, 'utf8')) as { browsers: Array<{ name: string; revision: string }> };
  const ffmpeg = browsers.find((b) => b.name === 'ffmpeg');
  if (!ffmpeg) throw new Error(`${browsersJson} names no ffmpeg build; Playwright's video recording changed.`);
  return ffmpeg.revision;
}

/**
 * Creates the folder and sets PLAYWRIGHT_BROWSERS_PATH to it. Must run before playwright-core is imported:
 * it reads the variable once, when its registry module loads.
 */
export function installFfmpegShim(): string {
  if (!fs.existsSync(FFMPEG)) throw new Error(`No ffmpeg at ${FFMPEG}: apt-get install -y ffmpeg (or set FFMPEG_PATH).`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkpad-pw-'));
  const dir = path.join(root, `ffmpeg-${playwrightFfmpegRevision()}`);
  fs.mkdirSync(dir);
  fs.symlinkSync(FFMPEG, path.join(dir, 'ffmpeg-linux'));
  process.env.PLAYWRIGHT_BROWSERS_PATH = root;
  return root;
}

export interface Track {
  /** A recorded video (Playwright writes WebM). */
  file: string;
  /** Seconds of blank to put before it, when this person joined after the first one. */
  delayS: number;
}

/** Wider videos are scaled down to this: full HD plays everywhere and keeps files small. */
export const MAX_VIDEO_WIDTH = 1920;

/**
 * Puts the recordings side by side in one H.264 MP4 (plays in every browser and on GitHub). Each track
 * is padded at its start by its delay, so the halves stay in step; the shorter ones hold their last frame.
 */
export async function composeSideBySide(tracks: Track[], out: string): Promise<void> {
  const inputs = tracks.flatMap((t) => ['-i', t.file]);
  const padded = tracks.map((t, i) => `[${i}:v]tpad=start_duration=${t.delayS.toFixed(3)}:color=0x1e1e1e,setpts=PTS-STARTPTS[v${i}]`);
  const joined = tracks.length === 1 ? '[v0]null' : `${tracks.map((_, i) => `[v${i}]`).join('')}hstack=inputs=${tracks.length}`;
  const stack = `${joined},scale='min(${MAX_VIDEO_WIDTH},iw)':-2[out]`;
  await run(FFMPEG, [
    '-y', '-loglevel', 'error',
    ...inputs,
    '-filter_complex', [...padded, stack].join(';'),
    '-map', '[out]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p', '-r', '25',
    '-movflags', '+faststart',
    out,
  ]);
}

/** Puts screenshots side by side into one PNG, scaled to `width` (0 keeps the full size). */
export async function stackImages(images: string[], out: string, width = 0): Promise<void> {
  const inputs = images.flatMap((file) => ['-i', file]);
  const labels = images.map((_, i) => `[${i}:v]`).join('');
  let filter = images.length === 1 ? `${labels}null` : `${labels}hstack=inputs=${images.length}`;
  if (width > 0) filter += `,scale=${width}:-2:flags=lanczos`;
  await run(FFMPEG, ['-y', '-loglevel', 'error', ...inputs, '-filter_complex', filter, '-frames:v', '1', out]);
}

export interface VideoFacts {
  codec: string;
  width: number;
  height: number;
  /** Frames actually decoded (ffprobe -count_frames), not the container's claim. */
  frames: number;
  durationS: number;
}

/** Decodes the whole video; a truncated or corrupt file fails here rather than looking fine. */
export async function probeVideo(file: string): Promise<VideoFacts> {
  const { stdout } = await run(FFPROBE, [
    '-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,width,height,nb_read_frames:format=duration',
    '-of', 'json', file,
  ]);
  const facts = JSON.parse(stdout) as {
    streams: Array<{ codec_name: string; width: number; height: number; nb_read_frames: string }>;
    format: { duration: string };
  };
  const stream = facts.streams[0];
  if (!stream) throw new Error(`${file} has no video stream`);
  return {
    codec: stream.codec_name,
    width: stream.width,
    height: stream.height,
    frames: Number(stream.nb_read_frames),
    durationS: Number(facts.format.duration),
  };
}

/**
 * A small copy of a poster for the repository (docs/demo-poster.png): scaled to `width` and reduced to
 * a 96-colour palette, which the flat dark UI survives without visible loss (~50 KB instead of ~150 KB).
 */
export async function compactPoster(poster: string, out: string, width = 1600): Promise<void> {
  const filter = `scale=${width}:-2:flags=lanczos,split[a][b];[a]palettegen=max_colors=96:stats_mode=full[p];[b][p]paletteuse=dither=none`;
  await run(FFMPEG, ['-y', '-loglevel', 'error', '-i', poster, '-vf', filter, out]);
}
