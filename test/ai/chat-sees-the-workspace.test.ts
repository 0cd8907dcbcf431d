import { beforeAll, describe, expect, it } from 'vitest';
import { readChat } from '../../lib/shared/document/chat-log';
import type { ModelSimulator } from '../../tools/sim/sim-server';
import type { AiTestClient } from '../helpers/ai-client';
import { workspaceWithAModel } from '../helpers/workspace-with-a-model';
import { whenDoc, type YjsClient } from '../helpers/yjs-client';

/** A room whose question is about main.ts, while the code it is about lives in files nobody has open. */
const FILES = {
  'main.ts': "import { applyDiscount } from './pricing/discount';\n\nconsole.log(applyDiscount(120, 'SPRING'));\n",
  'pricing/discount.ts': [
    'const discountRates: Record<string, number> = { SPRING: 0.15, VIP: 0.3 };',
    '',
    'export function applyDiscount(price: number, discountCode: string): number {',
    '  const discountRate = discountRates[discountCode] ?? 0;',
    '  return Math.floor(price * (1 - discountRate));',
    '}',
    '',
  ].join('\n'),
  'weather/forecast.ts': "export function forecastTomorrow(city: string): string {\n  return `${city}: sunny`;\n}\n",
};

describe('room chat answers from the whole workspace', () => {
  const fixture = workspaceWithAModel(FILES, (simUrl) => ({ SPARKPAD_DEEP_URL: simUrl }));
  let sim: ModelSimulator;
  let writer: YjsClient;
  let ada: AiTestClient;
  beforeAll(() => void ({ sim, writer, ada } = fixture.get()));

  it("sends the windows of a file that is not open when they share the question's names", async () => {
    sim.setBehaviour({ response: 'It rounds down with Math.floor.' });
    const cursor = FILES['main.ts'].indexOf('console.log');
    ada.send({
      type: 'chat:ask',
      id: 'q1',
      question: 'Why does applyDiscount round the discountRate result down?',
      context: { file: 'main.ts', language: 'typescript', from: cursor, to: cursor },
    });
    await whenDoc(writer.doc, () => readChat(writer.doc).some((m) => m.replyTo === 'q1' && m.status === 'done'));

    const prompt = (sim.requests.at(-1)!.body as { messages: Array<{ content: string }> }).messages.at(-1)!.content;
    expect(prompt).toContain('Related code elsewhere in the workspace:');
    expect(prompt).toContain('pricing/discount.ts:');
    expect(prompt).toContain('return Math.floor(price * (1 - discountRate));');
    // The open file is there once, as the open file; a file that shares nothing with the question is not.
    expect(prompt).toContain('Open file: main.ts');
    expect(prompt).not.toContain('main.ts:\n```');
    expect(prompt).not.toContain('forecastTomorrow');
    expect(prompt.endsWith('asks: Why does applyDiscount round the discountRate result down?')).toBe(true);
  });
});
