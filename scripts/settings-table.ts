/**
 * Prints the README's settings table from the settings schema (server/collab-settings.ts, server/ai-settings.ts): each setting's doc comment, its
 * `@default` and its environment variable. `npx tsx scripts/settings-table.ts` after changing a setting;
 * test/config.test.ts checks that the README lists every variable.
 */
import fs from 'node:fs';
import { envNames } from '../server/config';

// The settings' fields, by area, in the order config.ts joins them.
const schema = ['../server/collab-settings.ts', '../server/ai-settings.ts']
  .map((file) => fs.readFileSync(new URL(file, import.meta.url), 'utf8'))
  .map((source) => source.slice(source.indexOf('Settings = {')))
  .join('\n');
const rows = ['| variable | default | meaning |', '|---|---|---|'];
for (const match of schema.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+):/g)) {
  const key = match[2] as keyof typeof envNames;
  const doc = match[1]!.split('\n').map((line) => line.trim().replace(/^\*\s?/, '')).join(' ').trim();
  const fallback = /@default (\S+)/.exec(doc)?.[1];
  const meaning = doc.replace(/\s*@default \S+/, '').trim().replace(/\|/g, '\\|');
  rows.push(`| \`${envNames[key]}\` | ${fallback ? `\`${fallback}\`` : '—'} | ${meaning} |`);
}
rows.push('| `LOG_LEVEL` | `info` | pino log level. |');
console.log(rows.join('\n'));
