import type { KeyboardEvent } from 'react';

/**
 * A tab list's keyboard rule (WAI-ARIA tabs, automatic activation): only the selected tab is in the Tab
 * order; arrow keys, Home and End select and focus another tab.
 */
export function rovingTabKey<T>(event: KeyboardEvent<HTMLElement>, ids: readonly T[], current: T, select: (id: T) => void): void {
  const index = ids.indexOf(current);
  const next =
    event.key === 'ArrowRight' || event.key === 'ArrowDown' ? (index + 1) % ids.length
    : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? (index - 1 + ids.length) % ids.length
    : event.key === 'Home' ? 0
    : event.key === 'End' ? ids.length - 1
    : null;
  if (next === null) return;
  event.preventDefault();
  select(ids[next]!);
  const tabs = event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]');
  tabs[next]?.focus();
}
