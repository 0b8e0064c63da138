// The app's Monaco with GLSL registered: GLSL has no language service, so the base editor
// worker is all the shaders editor needs.
import { monaco } from '../../../../monaco/monaco.js';
import { registerGlsl } from './glsl-language.js';

registerGlsl(monaco);

export { monaco };
export type { Monaco } from '../../../../monaco/monaco.js';
