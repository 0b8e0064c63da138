import type * as MonacoNs from 'monaco-editor/editor/editor.api.js';
import { GLSL_FUNCTIONS, GLSL_KEYWORDS, GLSL_QUALIFIERS, GLSL_TYPES, SHADERTOY_UNIFORMS } from './glsl-builtins.js';
import { registerGlslProviders } from './glsl-providers.js';

type Monaco = typeof MonacoNs;
export const GLSL_LANGUAGE_ID = 'glsl';

/** Monarch grammar for GLSL ES 3.00 with Shadertoy's uniforms picked out. */
const tokenizer: MonacoNs.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: GLSL_KEYWORDS,
  qualifiers: GLSL_QUALIFIERS,
  typeKeywords: GLSL_TYPES,
  uniforms: SHADERTOY_UNIFORMS.map((u) => u.name),
  builtins: GLSL_FUNCTIONS.map((fn) => fn.name),
  builtinVars: ['gl_FragCoord', 'gl_FragColor', 'gl_FragDepth', 'gl_FrontFacing', 'gl_PointCoord', 'gl_Position', 'gl_VertexID', 'gl_InstanceID'],
  operators: ['=', '>', '<', '!', '~', '?', ':', '==', '<=', '>=', '!=', '&&', '||', '^^', '++', '--', '+', '-', '*', '/', '&', '|', '^', '%', '<<', '>>', '+=', '-=', '*=', '/=', '&=', '|=', '^=', '%=', '<<=', '>>='],
  symbols: /[=><!~?:&|+\-*/^%]+/,
  tokenizer: {
    root: [
      [/^\s*#\s*\w+/, { token: 'preprocessor', next: '@preprocessor' }],
      [
        /[a-zA-Z_]\w*/,
        {
          cases: {
            '@typeKeywords': 'keyword.type',
            '@qualifiers': 'keyword.qualifier',
            '@keywords': 'keyword',
            '@uniforms': 'predefined.uniform',
            '@builtins': 'predefined.function',
            '@builtinVars': 'predefined.variable',
            '@default': 'identifier',
          },
        },
      ],
      { include: '@whitespace' },
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/\d*\.\d+([eE][-+]?\d+)?[fF]?/, 'number.float'],
      [/\d+\.\d*([eE][-+]?\d+)?[fF]?/, 'number.float'],
      [/\d+[eE][-+]?\d+[fF]?/, 'number.float'],
      [/0[xX][0-9a-fA-F]+[uU]?/, 'number.hex'],
      [/\d+[uU]?/, 'number'],
      [/[;,.]/, 'delimiter'],
    ],
    preprocessor: [
      [/\\$/, 'preprocessor'],
      [/\/\/.*$/, 'comment', '@pop'],
      [/$/, '', '@pop'],
      [/[^\\/]+/, 'preprocessor'],
      [/./, 'preprocessor'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
  },
};

const configuration: MonacoNs.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '/*', close: ' */', notIn: ['comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
  ],
  folding: { markers: { start: /^\s*#\s*region\b/, end: /^\s*#\s*endregion\b/ } },
};

let registered = false;

/** Idempotent: the editor module may be evaluated once per page, but stay safe under HMR. */
export function registerGlsl(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: GLSL_LANGUAGE_ID, extensions: ['.glsl', '.frag'], aliases: ['GLSL', 'glsl'] });
  monaco.languages.setMonarchTokensProvider(GLSL_LANGUAGE_ID, tokenizer);
  monaco.languages.setLanguageConfiguration(GLSL_LANGUAGE_ID, configuration);
  registerGlslProviders(monaco, GLSL_LANGUAGE_ID);
}
