import { diffChars, diffArrays } from 'diff';
function minified(n: number, tpl: (i: number) => string) { let s = ''; let i = 0; while (s.length < n) { s += tpl(i); i++; } return s.slice(0, n); }
for (const n of [500, 1000, 120000]) {
  const a = minified(n, (i) => `var a${(i * 7) % 97}=function(b${i % 13}){return b${i % 13}*${i}};`);
  const b = minified(n, (i) => `const q${(i * 3) % 89} = (z) => z.map(k => k + ${i * 11});`);
  const s = performance.now(); const r = diffChars(a, b, { timeout: 20 }); console.log(n, performance.now() - s, r === undefined ? 'timeout' : r.length);
}
const s = performance.now(); const r = diffChars('hello world foo', 'hello brave world', { timeout: 20 }); console.log(performance.now() - s, r);
