import type { CompileDiagnostic } from '../../../../shared/shaders/source.js';
import { monaco } from './monaco/monaco.js';

type Editor = ReturnType<typeof monaco.editor.create>;
type ContentWidget = Parameters<Editor['addContentWidget']>[0];
type Decorations = ReturnType<Editor['createDecorationsCollection']>;

const OWNER = 'auteur-glsl';

interface Attached {
  widgets: ContentWidget[];
  decorations: Decorations;
}
const attached = new WeakMap<Editor, Attached>();

/** The inline message at the end of an erroring line: a DOM node we own, so tests can find it. */
function inlineWidget(id: string, d: CompileDiagnostic, lineNumber: number, column: number): ContentWidget {
  const node = document.createElement('div');
  node.className = `glsl-inline-diagnostic glsl-inline-${d.severity}`;
  node.dataset.testid = 'editor-error-marker';
  node.dataset.line = String(d.line);
  node.dataset.pass = d.pass;
  node.dataset.severity = d.severity;
  node.textContent = d.message;
  node.title = `Line ${d.line}: ${d.message}`;
  return {
    getId: () => id,
    getDomNode: () => node,
    getPosition: () => ({
      position: { lineNumber, column },
      preference: [monaco.editor.ContentWidgetPositionPreference.EXACT],
    }),
  };
}

export function clearDiagnostics(ed: Editor): void {
  const prev = attached.get(ed);
  if (!prev) return;
  for (const w of prev.widgets) ed.removeContentWidget(w);
  prev.decorations.clear();
  attached.delete(ed);
}

/**
 * Red squiggles (model markers), a tinted line and an inline message per diagnostic line.
 * Line numbers are the user's own (1-based); line 0 means the compiler did not say, so those
 * only appear in the diagnostics list.
 */
export function applyDiagnostics(ed: Editor, diagnostics: CompileDiagnostic[]): void {
  clearDiagnostics(ed);
  const model = ed.getModel();
  if (!model) return;
  const lines = model.getLineCount();
  const placed = diagnostics.filter((d) => d.line >= 1 && d.line <= lines);

  monaco.editor.setModelMarkers(
    model,
    OWNER,
    placed.map((d) => {
      const start = d.column && d.column > 0 ? d.column : model.getLineFirstNonWhitespaceColumn(d.line) || 1;
      return {
        severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: d.message,
        startLineNumber: d.line,
        startColumn: start,
        endLineNumber: d.line,
        endColumn: Math.max(start + 1, model.getLineMaxColumn(d.line)),
        source: 'GLSL',
      };
    }),
  );

  const decorations = ed.createDecorationsCollection(
    placed.map((d) => ({
      range: new monaco.Range(d.line, 1, d.line, 1),
      options: {
        isWholeLine: true,
        className: d.severity === 'error' ? 'glsl-error-line' : 'glsl-warning-line',
        linesDecorationsClassName: d.severity === 'error' ? 'glsl-error-gutter' : 'glsl-warning-gutter',
      },
    })),
  );

  // One inline message per line (the first one on it); the full list sits under the editor.
  const seen = new Set<number>();
  const widgets: ContentWidget[] = [];
  placed.forEach((d, i) => {
    if (seen.has(d.line)) return;
    seen.add(d.line);
    const w = inlineWidget(`${OWNER}.${i}`, d, d.line, model.getLineMaxColumn(d.line));
    ed.addContentWidget(w);
    widgets.push(w);
  });
  attached.set(ed, { widgets, decorations });
}
