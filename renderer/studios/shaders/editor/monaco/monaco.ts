// Monaco's core API plus its editor features, without the 80 bundled languages: GLSL is ours.
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { registerGlsl } from './glsl-language.js';
import { defineAuteurTheme } from './theme.js';

// GLSL has no language service, so the base editor worker (diffing, word ranges) is all we need.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

registerGlsl(monaco);
defineAuteurTheme(monaco);

export { monaco };
export type Monaco = typeof monaco;
