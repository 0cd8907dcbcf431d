/**
 * Turns a text into the keystrokes of a person typing it: a steady rhythm with a little jitter, a beat
 * after punctuation and a longer one at line ends. Pure and seeded, so a scene plays the same every time.
 *
 * Characters that Monaco rewrites as they are typed — brackets and quotes (auto-closing), `}` (auto-outdent)
 * and newlines (auto-indent) — are sent as pastes instead of key presses, a newline together with the next
 * line's indentation. The file then ends up exactly as the scene wrote it, whatever the editor's settings,
 * while every other character is a real key press that drives ghost text and the suggest widget.
 */

export interface Stroke {
  kind: 'key' | 'paste';
  text: string;
  /** Pause before this stroke. */
  delayMs: number;
}

export interface TypingStyle {
  /** Average speed; 10-15 is a relaxed typist, 25 a fast one. */
  charsPerSecond: number;
  /** 0..1: how much each pause varies around the average. @default 0.4 */
  jitter?: number;
  seed?: number;
}

const REWRITTEN = new Set(['(', ')', '[', ']', '{', '}', "'", '"', '`']);

/** Small seeded PRNG (mulberry32): reproducible jitter without a dependency. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planKeystrokes(text: string, style: TypingStyle): Stroke[] {
  if (!(style.charsPerSecond > 0)) throw new Error('charsPerSecond must be above 0');
  const random = seededRandom(style.seed ?? 1);
  const jitter = style.jitter ?? 0.4;
  const beat = 1000 / style.charsPerSecond;
  const strokes: Stroke[] = [];
  let previous = '';
  for (let i = 0; i < text.length; ) {
    const char = text[i]!;
    let piece = char;
    if (char === '\n') {
      const indent = /^[ \t]*/.exec(text.slice(i + 1))![0];
      piece += indent;
    }
    let pause = beat * (1 + jitter * (random() * 2 - 1));
    if (previous === '\n') pause *= 3;
    else if (previous === ';' || previous === ',' || previous === '.') pause *= 1.6;
    strokes.push({ kind: char === '\n' || REWRITTEN.has(char) ? 'paste' : 'key', text: piece, delayMs: Math.round(pause) });
    previous = char;
    i += piece.length;
  }
  return strokes;
}

/** How long a plan takes to type, for scenes that want to know their length. */
export function typingDurationMs(strokes: Stroke[]): number {
  return strokes.reduce((sum, s) => sum + s.delayMs, 0);
}
