import { OPENING_TAB_ID, OPENING_VIEW_ID } from '@/lib/browser/ui/opening-boot-script';
import './session.css';
import './static-file-view.css';

/** Left empty by React on the server and in hydration: the inline opening script fills it. */
const FILLED_BY_SCRIPT = { __html: '' };

/**
 * The session page as its HTML arrives, before any of its scripts: the session's layout with empty
 * panels and, where the editor will be, the room's first lines once the inline opening script has
 * fetched them (lib/browser/ui/opening-boot-script.ts). The session view replaces it in place: the
 * header, the file tabs and the text do not move.
 */
export function SessionShell() {
  return (
    <div className="session" aria-busy="true">
      <div className="session-header-slot">
        <header className="session-header">
          <a href="/" className="brand" aria-label="Sparkpad home">
            <span className="brand-mark">✦</span> Sparkpad
          </a>
        </header>
      </div>
      <div className="session-body">
        <aside className="session-sidebar drawer" aria-label="Files and people" />
        <main className="session-main">
          <section className="editor-pane">
            <div className="editor-tabbar">
              <span className="editor-tab" id={OPENING_TAB_ID} dangerouslySetInnerHTML={FILLED_BY_SCRIPT} suppressHydrationWarning />
            </div>
            <div className="editor-split">
              <div className="editor-stack">
                <div id={OPENING_VIEW_ID} className="static-file-view is-empty" aria-hidden="true" dangerouslySetInnerHTML={FILLED_BY_SCRIPT} suppressHydrationWarning />
              </div>
            </div>
            <section className="run-output" aria-label="Run output" />
          </section>
        </main>
      </div>
      <div className="status-bar-slot">
        <footer className="status-bar" />
      </div>
    </div>
  );
}
