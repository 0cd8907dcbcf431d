import { describe, expect, it } from 'vitest';
import { WorkspaceIndex } from '../../server/ai/embedded/workspace-index';
import { Vocabulary } from '../../server/ai/embedded/tokens';
import { RoomLanguageService } from '../../server/ai/semantic/room-language-service';

function room(files: Record<string, string>) {
  const index = new WorkspaceIndex(new Vocabulary());
  for (const [path, text] of Object.entries(files)) index.set(path, text);
  return { index, ls: new RoomLanguageService(index) };
}

describe("a room's language service", () => {
  it('builds no new program when the mirror catches up with the asker\'s text', () => {
    const { index, ls } = room({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' });
    ls.setOverlay('a.ts', 'export const a = 10;\n');
    const program = ls.service.getProgram();
    index.set('a.ts', 'export const a = 10;\n');
    ls.setOverlay('b.ts', 'export const b = 2;\n');
    expect(ls.service.getProgram()).toBe(program);
    expect(ls.text('a.ts')).toBe('export const a = 10;\n');
  });

  it("keeps a file's overlay while another file is asked about, until the mirror's text of it changes", () => {
    const { index, ls } = room({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' });
    ls.setOverlay('a.ts', 'export const a = 1;\na.');
    ls.service.getProgram();
    ls.setOverlay('b.ts', 'export const b = 2;\nb.');
    const program = ls.service.getProgram();
    expect(ls.text('a.ts')).toBe('export const a = 1;\na.');
    ls.setOverlay('b.ts', 'export const b = 2;\nb.');
    expect(ls.service.getProgram()).toBe(program);
    index.set('a.ts', 'export const a = 3;\n');
    expect(ls.text('a.ts')).toBe('export const a = 3;\n');
    expect(ls.service.getProgram()?.getSourceFile(ls.fileName('a.ts'))?.text).toBe('export const a = 3;\n');
  });

  it('sees every file as the mirror holds it once the overlays are cleared', () => {
    const { ls } = room({ 'a.ts': 'export const a = 1;\n' });
    ls.setOverlay('a.ts', 'export const a = 1;\na.');
    ls.clearOverlay();
    expect(ls.service.getProgram()?.getSourceFile(ls.fileName('a.ts'))?.text).toBe('export const a = 1;\n');
  });
});
