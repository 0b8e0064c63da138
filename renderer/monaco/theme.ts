import type { Monaco } from './monaco.js';

export const AUTEUR_THEME = 'auteur-dark';

/** Matches theme.css: near-black surfaces, teal accents; no gold (that is only for calls to action). */
export function defineAuteurTheme(monaco: Monaco): void {
  monaco.editor.defineTheme(AUTEUR_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '5f7a80', fontStyle: 'italic' },
      { token: 'keyword', foreground: '2dd4bf' },
      { token: 'keyword.type', foreground: '7dd3fc' },
      { token: 'keyword.qualifier', foreground: '5eead4', fontStyle: 'italic' },
      { token: 'predefined.uniform', foreground: 'f0abfc' },
      { token: 'predefined.function', foreground: '99f6e4' },
      { token: 'predefined.variable', foreground: 'f9a8d4' },
      { token: 'number', foreground: 'fcd34d' },
      { token: 'number.float', foreground: 'fcd34d' },
      { token: 'string', foreground: 'a7f3d0' },
      { token: 'operator', foreground: 'b6c8cc' },
      { token: 'delimiter', foreground: '8ea3a8' },
      { token: 'preprocessor', foreground: 'c4b5fd' },
      { token: 'identifier', foreground: 'e3eeee' },
    ],
    colors: {
      'editor.background': '#0b1114',
      'editor.foreground': '#e3eeee',
      'editorLineNumber.foreground': '#3d5359',
      'editorLineNumber.activeForeground': '#14b8a6',
      'editor.lineHighlightBackground': '#10191d',
      'editor.selectionBackground': '#0f766e66',
      'editor.inactiveSelectionBackground': '#0f766e33',
      'editorCursor.foreground': '#14b8a6',
      'editorIndentGuide.background1': '#1b2c33',
      'editorIndentGuide.activeBackground1': '#2b4650',
      'editorWidget.background': '#10191d',
      'editorWidget.border': '#22353d',
      'editorSuggestWidget.background': '#10191d',
      'editorSuggestWidget.border': '#22353d',
      'editorSuggestWidget.selectedBackground': '#0f766e55',
      'editorHoverWidget.background': '#10191d',
      'editorHoverWidget.border': '#22353d',
      'editorError.foreground': '#f87171',
      'editorWarning.foreground': '#fb923c',
      'scrollbarSlider.background': '#22353d88',
      'scrollbarSlider.hoverBackground': '#2b4650aa',
      'editorGutter.background': '#0b1114',
      'minimap.background': '#0b1114',
    },
  });
}
