import type * as monaco from 'monaco-editor';
import type { AppliedTheme } from '../settings/use-applied-theme';

/** Monaco's theme for each page theme; the colours match app/globals.css and app/theme-light.css. */
export const EDITOR_THEME: Record<AppliedTheme, string> = { dark: 'sparkpad-dark', light: 'sparkpad-light' };

export function defineEditorThemes(instance: typeof monaco): void {
  instance.editor.defineTheme(EDITOR_THEME.dark, {
    base: 'vs-dark',
    inherit: true,
    // vs-dark's comment green is 4.4:1 on the highlighted line; this one keeps 4.5:1 on every surface.
    rules: [{ token: 'comment', foreground: '7a9f6a' }],
    colors: {
      'editor.background': '#0d1117',
      'editor.lineHighlightBackground': '#161b22',
      'editorLineNumber.foreground': '#6e7681',
      'editorLineNumber.activeForeground': '#c9d1d9',
      'editorGutter.background': '#0d1117',
    },
  });
  instance.editor.defineTheme(EDITOR_THEME.light, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f6f8fa',
      'editorLineNumber.foreground': '#6e7781',
      'editorLineNumber.activeForeground': '#1f2328',
      'editorGutter.background': '#ffffff',
    },
  });
}
