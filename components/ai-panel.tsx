'use client';

import { useState, type ComponentType } from 'react';
import { ChatPanel } from './chat-panel';
import { SparkEditPanel } from './spark-edit-panel';

/**
 * Spark's column. Each tab is one way to work with Spark; all share the page's one Spark connection
 * (lib/browser/ai/spark-store.ts). Adding a tab (chat) is one entry here.
 */
const TABS: ReadonlyArray<{ id: string; label: string; Panel: ComponentType }> = [
  { id: 'edit', label: 'Ask Spark', Panel: SparkEditPanel },
  { id: 'chat', label: 'Chat', Panel: ChatPanel },
];

export function AiPanel() {
  const [tabId, setTabId] = useState(TABS[0]!.id);
  const tab = TABS.find((t) => t.id === tabId) ?? TABS[0]!;
  return (
    <div className="ai-panel" data-testid="ai-panel">
      <header className="ai-panel-header">
        <span className="ai-panel-title"><span className="ai-panel-mark" aria-hidden="true">✦</span> Spark</span>
        {TABS.length > 1 && (
          <nav className="ai-panel-tabs" role="tablist">
            {TABS.map((t) => (
              <button key={t.id} role="tab" aria-selected={t.id === tab.id} className="ai-panel-tab" data-testid={`ai-tab-${t.id}`} onClick={() => setTabId(t.id)}>
                {t.label}
              </button>
            ))}
          </nav>
        )}
      </header>
      <tab.Panel />
    </div>
  );
}
