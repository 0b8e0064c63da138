/** The procedural shader composer: GLSL from prompt words and style sliders, no model. */
export { compose, chooseFamily, PROCEDURAL_MODEL, PROCEDURAL_PROVIDER, type Composition, type ComposeRequest, type ComposeStyle } from './compose.js';
export { FAMILIES, FAMILY_IDS, familyById, type FamilyId } from './families/index.js';
export { PALETTES, resolvePalette } from './palettes.js';
export { analyzePrompt, type PromptAnalysis } from './prompt-words.js';
