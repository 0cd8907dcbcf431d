'use client';

import type { ReactNode } from 'react';
import { FONT_SIZE, PROPOSE_FROM_LINES, SNOOZE_MS, type Settings } from '@/lib/browser/settings/settings';
import { useSettingsStore } from '@/lib/browser/settings/settings-store';
import { useGhostTextActive } from '@/lib/browser/settings/use-ghost-text-active';
import { Dialog } from './dialog';
import { RoomDefaultsControl } from './room-defaults-control';
import './settings-dialog.css';

const PIN_CHOICES = [
  { value: 'auto', label: 'Auto', hint: 'Spark picks: fast for suggestions, deep for chat and large edits' },
  { value: 'fast', label: 'Fast', hint: 'Always the fast tier' },
  { value: 'deep', label: 'Deep', hint: 'Always the deep tier: slower, more capable' },
] as const;

const PROPOSE_CHOICES = [
  { value: 'large', label: 'Large edits', hint: `Rewrites of ${PROPOSE_FROM_LINES} lines or more are shown to the room as a proposal to accept or reject` },
  { value: 'always', label: 'Always', hint: 'Every Ask Spark edit is a proposal first' },
  { value: 'never', label: 'Never', hint: 'Spark types its edits straight in' },
] as const;

const THEME_CHOICES = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

/** This person's settings, kept in this browser for every session they open. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const settings = useSettingsStore();
  const ghostActive = useGhostTextActive();
  const ghostMode = settings.ghostText === 'snoozed' && ghostActive ? 'on' : settings.ghostText;
  return (
    <Dialog title="Settings" onClose={onClose} testId="settings-dialog" lead="Yours, kept in this browser for every session. What you have not chosen follows the room’s defaults.">
      <Choice
        legend="Spark model"
        name="pin"
        value={settings.pin}
        choices={PIN_CHOICES}
        onChange={(pin) => settings.update({ pin })}
      />
      <Choice legend="Propose before editing" name="propose" value={settings.propose} choices={PROPOSE_CHOICES} onChange={(propose) => settings.update({ propose })} />
      <fieldset className="settings-group">
        <legend>Ghost text</legend>
        <div className="settings-options" role="presentation">
          <Radio name="ghost" value="on" checked={ghostMode === 'on'} onChange={() => settings.update({ ghostText: 'on', snoozedUntil: null })}>On</Radio>
          <Radio name="ghost" value="snoozed" checked={ghostMode === 'snoozed'} onChange={() => settings.snooze()}>
            Snooze {SNOOZE_MS / 60_000} min
          </Radio>
          <Radio name="ghost" value="off" checked={ghostMode === 'off'} onChange={() => settings.update({ ghostText: 'off', snoozedUntil: null })}>Off</Radio>
        </div>
        {ghostMode === 'snoozed' && settings.snoozedUntil !== null && (
          <p className="settings-hint" data-testid="snoozed-until">
            Back at {new Date(settings.snoozedUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
          </p>
        )}
      </fieldset>
      <Choice legend="Theme" name="theme" value={settings.theme} choices={THEME_CHOICES} onChange={(theme) => settings.update({ theme })} />
      <div className="settings-group">
        <label className="settings-font" htmlFor="settings-font-size">
          <span className="settings-label">Editor font size</span>
          <input
            id="settings-font-size"
            type="number"
            min={FONT_SIZE.min}
            max={FONT_SIZE.max}
            value={settings.fontSize}
            data-testid="settings-font-size"
            onChange={(e) => {
              const size = Math.round(Number(e.currentTarget.value));
              if (size >= FONT_SIZE.min && size <= FONT_SIZE.max) settings.update({ fontSize: size });
            }}
          />
          <span className="settings-hint">px ({FONT_SIZE.min}–{FONT_SIZE.max})</span>
        </label>
      </div>
      <RoomDefaultsControl />
    </Dialog>
  );
}

interface ChoiceProps<V extends string> {
  legend: string;
  name: string;
  value: V;
  choices: ReadonlyArray<{ value: V; label: string; hint?: string }>;
  onChange(value: V): void;
}

/** A radio group: arrow keys move between its options, as the platform does for native radios. */
function Choice<V extends Settings['pin'] | Settings['theme'] | Settings['propose']>({ legend, name, value, choices, onChange }: ChoiceProps<V>) {
  const hint = choices.find((c) => c.value === value)?.hint;
  return (
    <fieldset className="settings-group">
      <legend>{legend}</legend>
      <div className="settings-options">
        {choices.map((choice) => (
          <Radio key={choice.value} name={name} value={choice.value} checked={choice.value === value} onChange={() => onChange(choice.value)}>
            {choice.label}
          </Radio>
        ))}
      </div>
      {hint && <p className="settings-hint">{hint}</p>}
    </fieldset>
  );
}

function Radio({ name, value, checked, onChange, children }: { name: string; value: string; checked: boolean; onChange(): void; children: ReactNode }) {
  return (
    <label className={`settings-option${checked ? ' is-checked' : ''}`}>
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} data-testid={`setting-${name}-${value}`} />
      {children}
    </label>
  );
}
