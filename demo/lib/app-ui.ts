/**
 * The app's elements the demo helpers drive, in one place: when the UI changes, this is the file to
 * update. They are the same test ids the end-to-end tests use.
 */
export const UI = {
  onlineStatus: '[data-testid="connection-status"][data-status="online"]',
  editorLines: '.monaco-editor .view-lines',
  /** Where Monaco takes keyboard input (a textarea, or the EditContext element where supported). */
  editorInput: '.monaco-editor textarea, .monaco-editor .native-edit-context',
  nameInput: '[data-testid="name-input"]',
  /** Monaco's inline suggestion, and ours if drawn by hand (see NOTES: keep `ghost-text` in the class). */
  ghostText: '.monaco-editor [class*="ghost-text"]',
  runButton: '[data-testid="run-button"]',
  runEntry: '[data-testid="run-entry"]',
  runLive: '[data-testid="run-live"]',
  /** Spark's column: one tab per way of working with Spark. */
  aiTab: (id: 'edit' | 'chat') => `[data-testid="ai-tab-${id}"]`,
  sparkInstruction: '[data-testid="spark-instruction"]',
  chatInput: '[data-testid="chat-input"]',
  chatMessage: '[data-testid="chat-message"]',
} as const;

/**
 * Where the app keeps who this browser is (lib/browser/presence/identity.ts). The demo seeds it before the page
 * loads so each person has their name and a colour of their own from the first frame; if the app stops
 * reading it, openUser notices and types the name into the header instead.
 */
export const IDENTITY_STORAGE_KEY = 'sparkpad.identity';
