'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { StaleBlock } from '@/lib/shared/protocol/ai';
import { askSpark, askSparkAboutWorkspace, stopSpark, undoSparkEdit, useAskSparkStore, type AskPhase, type UndoState } from '@/lib/browser/ai/ask-spark-store';
import { describeAiError } from '@/lib/browser/ai/describe-error';
import { sparkTarget } from '@/lib/browser/ai/spark-target';
import { canAskSpark, useSparkStore } from '@/lib/browser/ai/spark-store';
import { useEditorStore } from '@/lib/browser/editor/editor-store';
import { proposes } from '@/lib/browser/settings/settings';
import { useSettingsStore } from '@/lib/browser/settings/settings-store';
import { useWorkspaceStore } from '@/lib/browser/workspace/workspace-store';
import { SparkCodeActions } from './spark-code-actions';
import { SparkProposals } from './spark-proposals';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const SHORTCUT = IS_MAC ? '⌘K' : 'Ctrl K';

/**
 * Ask Spark: an instruction about the selection, or about all files; Spark types the change into the shared
 * files for all, and names any change it could not place.
 */
export function SparkEditPanel() {
  const client = useSparkStore((s) => s.client);
  const connection = useSparkStore((s) => s.connection);
  const phase = useAskSparkStore((s) => s.phase);
  const notice = useAskSparkStore((s) => s.notice);
  const target = useAskSparkStore((s) => s.target);
  const focusRequests = useAskSparkStore((s) => s.focusRequests);
  const undoable = useAskSparkStore((s) => s.undoable);
  const undo = useAskSparkStore((s) => s.undo);
  const openFile = useWorkspaceStore((s) => s.openFile);
  const [instruction, setInstruction] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const working = phase.kind === 'working';
  const enabled = canAskSpark(connection);

  useEffect(() => {
    if (focusRequests > 0) input.current?.focus();
  }, [focusRequests]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { editor } = useEditorStore.getState();
    // The editor keeps its selection while the input has focus: ask about what is selected now.
    const current = editor && openFile ? sparkTarget(editor, openFile) : target;
    if (!current || !instruction.trim()) return;
    askSpark(client, current, instruction, proposes(useSettingsStore.getState().propose, current.lines ?? 1));
    setInstruction('');
  };
  const submitForWorkspace = () => {
    if (!instruction.trim()) return;
    // How much a workspace edit changes is known only once the model has answered: only `always` proposes it first.
    askSparkAboutWorkspace(client, openFile, instruction, useSettingsStore.getState().propose === 'always');
    setInstruction('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (working) stopSpark(client);
    else useEditorStore.getState().editor?.focus();
  };

  return (
    <section className="spark-edit" data-testid="spark-edit-panel" aria-label="Ask Spark">
      <p className="spark-hint">
        Select code and press <kbd>{SHORTCUT}</kbd>, then say what to change. Spark types it into the file for everyone.
      </p>
      {target && <p className="spark-target" data-testid="spark-target">{target.label}</p>}
      <form className="spark-form" onSubmit={submit}>
        <input
          ref={input}
          data-testid="spark-instruction"
          value={instruction}
          onChange={(event) => setInstruction(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={working ? 'Redirect Spark…' : 'e.g. add JSDoc, handle null'}
          disabled={!enabled || !openFile}
          aria-label="Instruction for Spark"
          maxLength={4000}
        />
        <div className="spark-actions">
          <button className="button primary" type="submit" data-testid="spark-ask" disabled={!enabled || !instruction.trim()}>
            {working ? 'Redirect' : 'Ask'}
          </button>
          <button
            className="button"
            type="button"
            data-testid="spark-ask-workspace"
            disabled={!enabled || !instruction.trim()}
            onClick={submitForWorkspace}
            title="Spark may change any file, and create files"
          >
            Ask about all files
          </button>
          {working && (
            <button className="button" type="button" data-testid="spark-stop" onClick={() => stopSpark(client)} title="Stop (Esc)">
              Stop
            </button>
          )}
          <button className="button" type="button" data-testid="spark-undo" disabled={!undoable || working} onClick={() => undoSparkEdit(client)}>
            Undo Spark’s edit
          </button>
        </div>
      </form>
      <SparkCodeActions target={target} working={working} />
      {!enabled && <ConnectionNote />}
      <EditStatus phase={phase} />
      {phase.kind === 'finished' && phase.stale && phase.stale.length > 0 && <StaleBlocks stale={phase.stale} />}
      {notice && <p className="spark-notice" data-testid="spark-notice">{notice}</p>}
      <UndoStatus undo={undo} />
      <SparkProposals />
    </section>
  );
}

function EditStatus({ phase }: { phase: AskPhase }) {
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'failed') {
    const { code, text } = describeAiError(phase.error);
    return (
      <p className="spark-status-line is-error" role="alert" data-testid="spark-edit-status" data-state="failed" data-code={code}>
        <code>{code}</code> {text}
      </p>
    );
  }
  const state = phase.kind === 'working' ? 'working' : (phase.stopped ?? 'done');
  return (
    <p className={`spark-status-line is-${state}`} role="status" data-testid="spark-edit-status" data-state={state} data-edit-id={phase.id}>
      <span className="spark-instruction-echo">“{phase.instruction}”</span> {statusText(phase)}
    </p>
  );
}

/** Blocks of a workspace edit that were not applied: each by file and place, with why. */
function StaleBlocks({ stale }: { stale: StaleBlock[] }) {
  return (
    <div className="spark-stale" role="status" data-testid="spark-stale-blocks">
      <p className="spark-status-line is-error">
        {stale.length === 1 ? 'One change was not applied' : `${stale.length} changes were not applied`}: nothing of {stale.length === 1 ? 'it' : 'them'} is in the files.
      </p>
      <ul>
        {stale.map((s) => (
          <li key={`${s.file}#${s.block}`} data-testid="spark-stale-block" data-file={s.file} data-block={s.block} data-reason={s.reason}>
            <code>{s.file || '(no file)'}</code> block {s.block}: {s.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function statusText(phase: Extract<AskPhase, { kind: 'working' | 'finished' }>): string {
  if (phase.kind === 'working') return `${phase.redirected ? 'Redirected: ' : ''}Spark is ${phase.proposed ? 'proposing' : 'writing'}… ${phase.chars} characters`;
  if (phase.proposed && phase.stopped === null) return 'Proposed to the room: accept or reject it in the editor.';
  switch (phase.stopped) {
    case null: {
      const stats = phase.stats;
      const timing = stats?.firstTokenMs != null ? ` · first token ${Math.round(stats.firstTokenMs)} ms` : '';
      const places = phase.applied !== undefined ? `${phase.applied} ${phase.applied === 1 ? 'place' : 'places'} changed · ` : '';
      return `Done: ${places}${phase.chars} characters${stats?.tier ? ` · ${stats.tier} tier` : ''}${timing}`;
    }
    case 'stop':
      return 'Stopped. What Spark wrote so far stays; undo removes it.';
    case 'human-edit':
      return 'Stopped: someone typed inside the text Spark was writing.';
    case 'disconnected':
      return 'Stopped: the connection to Spark dropped.';
    case 'redirected':
      return 'Redirected.';
  }
}

function UndoStatus({ undo }: { undo: UndoState }) {
  if (undo.kind === 'none' || undo.kind === 'pending') return null;
  if (undo.kind === 'failed') {
    const { code, text } = describeAiError(undo.error);
    return <p className="spark-status-line is-error" role="alert" data-testid="spark-undo-status"><code>{code}</code> {text}</p>;
  }
  return (
    <p className="spark-status-line" data-testid="spark-undo-status" data-state={undo.kind}>
      {undo.kind === 'undone' ? 'Spark’s edit was undone.' : 'Nothing of Spark’s to undo.'}
    </p>
  );
}

function ConnectionNote() {
  const connection = useSparkStore((s) => s.connection);
  const text =
    connection.kind === 'ready'
      ? 'This is a view-only link: Spark writes only for people with the edit link.'
      : connection.kind === 'refused'
        ? `${connection.code}: ${connection.message}`
        : connection.kind === 'reconnecting'
          ? 'Reconnecting to Spark…'
          : 'Connecting to Spark…';
  return <p className="spark-hint" data-testid="spark-connection-note" data-state={connection.kind}>{text}</p>;
}
