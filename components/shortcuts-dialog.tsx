'use client';

import { Dialog } from './dialog';
import './settings-dialog.css';

const GROUPS: ReadonlyArray<{ title: string; keys: ReadonlyArray<[string[], string]> }> = [
  {
    title: 'Spark',
    keys: [
      [['Tab'], 'Accept the ghost text'],
      [['Ctrl/⌘', '→'], 'Accept its next word'],
      [['Esc'], 'Dismiss it, or stop Spark’s edit'],
      [['Ctrl/⌘', 'K'], 'Ask Spark to edit the selection or line'],
    ],
  },
  {
    title: 'Editor',
    keys: [
      [['Ctrl/⌘', 'Z'], 'Undo your own last edit in this file'],
      [['Ctrl/⌘', 'Shift', 'Z'], 'Redo'],
      [['Ctrl/⌘', 'Enter'], 'Run the open file'],
      [['Ctrl/⌘', '/'], 'Comment the line (in the editor)'],
    ],
  },
  {
    title: 'Page',
    keys: [
      [['?'], 'This list (outside text fields)'],
      [['Ctrl/⌘', '/'], 'This list (outside the editor)'],
      [['←', '→'], 'Move between tabs'],
      [['Esc'], 'Close a dialog or panel'],
    ],
  },
];

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      {GROUPS.map((group) => (
        <section key={group.title} className="shortcuts-group">
          <h3>{group.title}</h3>
          <dl>
            {group.keys.map(([keys, what]) => (
              <div key={`${keys.join('+')}-${what}`} className="shortcut">
                <dt>
                  {keys.map((key, i) => (
                    <kbd key={i}>{key}</kbd>
                  ))}
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
