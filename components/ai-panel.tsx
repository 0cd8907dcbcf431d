'use client';

import { useId, useState, type ComponentType } from 'react';
import { rovingTabKey } from '@/lib/browser/ui/roving-tabs';
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
  const base = useId();
  const ids = TABS.map((t) => t.id);
  return (
    <div className="ai-panel" data-testid="ai-panel">
      <header className="ai-panel-header">
        <span className="ai-panel-title"><span className="ai-panel-mark" aria-hidden="true">✦</span> Spark</span>
        {TABS.length > 1 && (
          <div className="ai-panel-tabs" role="tablist" aria-label="Ways to work with Spark" onKeyDown={(e) => rovingTabKey(e, ids, tab.id, setTabId)}>
            {TABS.map((t) => (
              <button
                key={t.id}
                id={`${base}-tab-${t.id}`}
                role="tab"
                aria-selected={t.id === tab.id}
                aria-controls={`${base}-panel`}
                tabIndex={t.id === tab.id ? 0 : -1}
                className="ai-panel-tab"
                data-testid={`ai-tab-${t.id}`}
                onClick={() => setTabId(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
        )}
      </header>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${tab.id}`} className="ai-panel-body">
        <tab.Panel />
      </div>
    </div>
  );
}
