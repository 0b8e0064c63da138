import type * as MonacoNs from 'monaco-editor/editor/editor.api.js';
import { GLSL_FUNCTIONS, GLSL_KEYWORDS, GLSL_QUALIFIERS, GLSL_SNIPPETS, GLSL_TYPES, SHADERTOY_UNIFORMS, type GlslSymbol } from './glsl-builtins.js';

type Monaco = typeof MonacoNs;

const byName = new Map<string, GlslSymbol>([...SHADERTOY_UNIFORMS, ...GLSL_FUNCTIONS].map((s) => [s.name, s]));

/** Completions for Shadertoy uniforms, built-ins, types, keywords and a few snippets; hovers for the first two. */
export function registerGlslProviders(monaco: Monaco, languageId: string): void {
  const Kind = monaco.languages.CompletionItemKind;
  const Rule = monaco.languages.CompletionItemInsertTextRule;

  monaco.languages.registerCompletionItemProvider(languageId, {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const doc = (s: GlslSymbol) => ({ value: `\`${s.signature}\`\n\n${s.doc}` });
      const suggestions: MonacoNs.languages.CompletionItem[] = [
        ...SHADERTOY_UNIFORMS.map((u) => ({
          label: u.name, kind: Kind.Variable, detail: u.signature, documentation: doc(u), insertText: u.name, range, sortText: `0${u.name}`,
        })),
        ...GLSL_FUNCTIONS.map((fn) => ({
          label: fn.name, kind: Kind.Function, detail: fn.signature, documentation: doc(fn),
          insertText: fn.snippet ?? fn.name, insertTextRules: Rule.InsertAsSnippet, range, sortText: `1${fn.name}`,
        })),
        ...GLSL_TYPES.map((t) => ({ label: t, kind: Kind.Class, insertText: t, range, sortText: `2${t}` })),
        ...[...GLSL_KEYWORDS, ...GLSL_QUALIFIERS].map((k) => ({ label: k, kind: Kind.Keyword, insertText: k, range, sortText: `3${k}` })),
        ...GLSL_SNIPPETS.map((s) => ({
          label: s.label, kind: Kind.Snippet, documentation: s.doc, insertText: s.body, insertTextRules: Rule.InsertAsSnippet, range, sortText: `4${s.label}`,
        })),
      ];
      return { suggestions };
    },
  });

  monaco.languages.registerHoverProvider(languageId, {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      const sym = word ? byName.get(word.word) : undefined;
      if (!word || !sym) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: '```glsl\n' + sym.signature + '\n```' }, { value: sym.doc }],
      };
    },
  });
}
