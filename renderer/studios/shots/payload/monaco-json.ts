// Monaco with its JSON language service (validation against a JSON schema, folding, formatting).
// The app's Monaco module sets MonacoEnvironment; it is loaded first (ES modules run once),
// then the environment is wrapped so "json" labels get the JSON worker and everything else keeps
// the base editor worker.
import { monaco } from '../../../monaco/monaco.js';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register.js';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';

const previous = self.MonacoEnvironment;
self.MonacoEnvironment = {
  getWorker: (workerId: string, label: string) => {
    if (label === 'json') return new JsonWorker();
    if (previous?.getWorker) return previous.getWorker(workerId, label);
    throw new Error(`No Monaco worker for ${label}`);
  },
};

export const VEO_SCHEMA_URI = 'inmemory://auteur/schemas/veo-3.1-request.json';

/** Validate payload models (their URI starts with inmemory://auteur/shots/) against the Veo request schema. */
export function setPayloadSchema(schema: object | null): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    schemaValidation: 'error',
    enableSchemaRequest: false,
    schemas: schema ? [{ uri: VEO_SCHEMA_URI, fileMatch: ['inmemory://auteur/shots/*'], schema }] : [],
  });
}

export { monaco };
