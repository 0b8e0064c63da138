// Monaco's core API plus its editor features, without the 80 bundled languages: each studio
// registers what it edits (the shaders studio GLSL, the shots studio JSON with its schema).
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { defineAuteurTheme } from './theme.js';

// The base editor worker (diffing, word ranges); a studio with a language service wraps this.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

defineAuteurTheme(monaco);

export { monaco };
export type Monaco = typeof monaco;
