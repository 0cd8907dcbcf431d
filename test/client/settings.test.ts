import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, effectiveSettings, ghostTextActive, loadSettings, parseSettings, proposes, SETTINGS_KEY } from '../../lib/browser/settings/settings';

const storageWith = (value: string | null) => ({ getItem: (key: string) => (key === SETTINGS_KEY ? value : null) });

describe('settings kept in the browser', () => {
  it('keeps the valid fields of a stored value and defaults the rest', () => {
    expect(parseSettings({ pin: 'deep', theme: 'purple', fontSize: 400, ghostText: 'off' })).toEqual({
      ...DEFAULT_SETTINGS,
      pin: 'deep',
      ghostText: 'off',
    });
  });

  it('falls back to the defaults when the stored value is not JSON', () => {
    expect(loadSettings(storageWith('{oops'))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(storageWith(null))).toEqual(DEFAULT_SETTINGS);
  });

  it('silences ghost text while snoozed and brings it back when the snooze ends', () => {
    const snoozed = { ghostText: 'snoozed' as const, snoozedUntil: 1_000 };
    expect(ghostTextActive(snoozed, 999)).toBe(false);
    expect(ghostTextActive(snoozed, 1_000)).toBe(true);
    expect(ghostTextActive({ ghostText: 'off', snoozedUntil: null }, 0)).toBe(false);
    expect(ghostTextActive({ ghostText: 'on', snoozedUntil: null }, 0)).toBe(true);
  });

  it('proposes rewrites of four lines or more by default, and follows the person, then the room', () => {
    expect(DEFAULT_SETTINGS.propose).toBe('large');
    expect([1, 3, 4, 20].map((lines) => proposes('large', lines))).toEqual([false, false, true, true]);
    expect(proposes('always', 1)).toBe(true);
    expect(proposes('never', 50)).toBe(false);
    expect(effectiveSettings({}, { propose: 'never' }).propose).toBe('never');
    expect(effectiveSettings({ propose: 'always' }, { propose: 'never' }).propose).toBe('always');
  });
});
