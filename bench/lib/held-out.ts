/**
 * The engine's held-out evaluation set: hand-written sources of the packages the corpus never reads
 * (EMBEDDED_HELDOUT_PACKAGES), split by file into a **tuning** half, on which the confidence model's
 * weights and threshold are fitted, and a **test** half, on which every reported figure is measured. Within
 * each package the files, sorted by path, alternate: the first, third … are tuning, the second, fourth …
 * test. So the split is the same on every run, every package with two files lends to both halves, and a
 * file never lends positions to both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EMBEDDED_HELDOUT_PACKAGES, looksHandWritten } from '../../server/ai/embedded/corpus';
import { repoRoot } from './servers';

export interface SourceFile {
  pkg: string;
  path: string;
  text: string;
}

export type Split = 'tuning' | 'test';
export type PositionKind = 'line' | 'mid';

export interface Position {
  file: SourceFile;
  kind: PositionKind;
  prefix: string;
  suffix: string;
  /** The true rest of the line, trailing blanks removed. */
  expected: string;
}

export function split(files: SourceFile[]): Record<Split, SourceFile[]> {
  const halves: Record<Split, SourceFile[]> = { tuning: [], test: [] };
  for (const pkg of new Set(files.map((f) => f.pkg))) {
    const own = files.filter((f) => f.pkg === pkg).sort((a, b) => a.path.localeCompare(b.path));
    own.forEach((file, i) => halves[i % 2 === 0 ? 'tuning' : 'test'].push(file));
  }
  return halves;
}

export function heldOutFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  for (const pkg of EMBEDDED_HELDOUT_PACKAGES) {
    const root = path.join(repoRoot, 'node_modules', pkg);
    // Hand-written sources only: src/ or lib/ when the package ships them, never dist/ or tests.
    for (const dir of ['src', 'lib']) {
      const full = path.join(root, dir);
      if (!fs.existsSync(full)) continue;
      for (const name of fs.readdirSync(full).sort()) {
        if (!/\.(ts|js)$/.test(name) || /\.(d|test|spec|min)\.[tj]s$/.test(name)) continue;
        const text = fs.readFileSync(path.join(full, name), 'utf8');
        if (looksHandWritten(text)) files.push({ pkg, path: `${pkg}/${dir}/${name}`, text });
      }
    }
  }
  return files;
}

/** A seeded generator, so two runs sample the same positions and their numbers are comparable. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` positions of one kind: (line) after a line's indentation, or (mid) at a word boundary inside
 * it, with the rest of that line removed from the text the engine sees.
 */
export function positions(files: SourceFile[], count: number, kind: PositionKind, seed = kind === 'line' ? 1 : 2): Position[] {
  const random = mulberry32(seed);
  const candidates = files.flatMap((file) => {
    const lines = file.text.split('\n');
    let offset = 0;
    return lines
      .map((line) => {
        const start = offset;
        offset += line.length + 1;
        return { file, line, start };
      })
      .filter(({ line }) => line.trim().length >= 4);
  });
  const picked: Position[] = [];
  while (picked.length < count && candidates.length) {
    const { file, line, start } = candidates.splice(Math.floor(random() * candidates.length), 1)[0]!;
    const indent = line.length - line.trimStart().length;
    let cut = start + indent;
    if (kind === 'mid') {
      // A word boundary between the indentation and the line's last characters: where a person pauses.
      const bounds = [...line.matchAll(/\b/g)].map((m) => m.index!).filter((i) => i > indent + 1 && i < line.trimEnd().length - 1);
      if (bounds.length === 0) continue;
      cut = start + bounds[Math.floor(random() * bounds.length)]!;
    }
    const lineEnd = start + line.length;
    picked.push({ file, kind, prefix: file.text.slice(0, cut), suffix: file.text.slice(lineEnd), expected: file.text.slice(cut, lineEnd).trimEnd() });
  }
  return picked;
}
