/**
 * Doctor and Settings name the model each capability will use, resolved by the worker's own
 * selection against a protocol fake of Ollama, and mark a provider in use for a capability only
 * when it has a model for it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../electron/host/db/connection.js';
import { doctorProviderRows } from '../../electron/host/providers/provider-doctor.js';
import { ProviderSettingsService } from '../../electron/host/providers/provider-settings.js';
import { ProviderStatusService } from '../../electron/host/providers/provider-status.js';
import { keyFileCodec } from '../../electron/host/providers/secret-codec.js';
import { ProviderSettingsStore } from '../../electron/host/providers/settings-store.js';
import { PROVIDERS } from '../../worker/providers/registry.js';
import { startFakeOllama } from '../fixtures/fake-ollama.js';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

async function tableWith(models: string[]) {
  const ollama = await startFakeOllama({ models });
  open.push(ollama);
  const dir = mkdtempSync(join(tmpdir(), 'auteur-models-'));
  const database: Database_ = openDatabase(join(dir, 'studio.db'));
  open.push(database);
  const offered = (cap: string) => PROVIDERS.filter((m) => m.capabilities.includes(cap as never)).map((m) => m.id);
  const settings = new ProviderSettingsService({ store: new ProviderSettingsStore(database.db), codec: keyFileCodec(dir), env: { OLLAMA_HOST: ollama.url }, offered });
  const table = await new ProviderStatusService(settings).table();
  return { table, cap: (c: string) => table.capabilities.find((x) => x.capability === c)! };
}

it('an Ollama with only a coder model is in use for LLM text (naming the model), not for vision or embeddings', async () => {
  const { table, cap } = await tableWith(['qwen2.5-coder:7b']);
  expect(cap('llm')).toMatchObject({ inUse: 'ollama', model: 'qwen2.5-coder:7b' });
  expect(cap('llm').why).toMatch(/model qwen2\.5-coder:7b/);
  expect(cap('vision').inUse).not.toBe('ollama');
  expect(cap('vision').why).toMatch(/no provider has a model for Vision captioning \(Ollama at \S+ has no vision model pulled/);
  expect(cap('embeddings')).toMatchObject({ inUse: 'hashed-features', model: null });
  expect(cap('embeddings').why).toMatch(/embedded default \(Ollama at \S+ has no embeddings model pulled — run `ollama pull nomic-embed-text`/);
  // Only the reachable provider's reason: not the unconfigured ones.
  expect(cap('embeddings').why).not.toMatch(/Anthropic|OpenAI/);
  const rows = doctorProviderRows(table);
  expect(rows.find((r) => r.capability === 'llm' && r.provider === 'ollama')).toMatchObject({ inUse: true, model: 'qwen2.5-coder:7b' });
  expect(rows.find((r) => r.capability === 'vision' && r.provider === 'ollama')).toMatchObject({ inUse: false, model: null });
  expect(rows.find((r) => r.capability === 'embeddings' && r.provider === 'ollama')).toMatchObject({ inUse: false });
}, 30_000);

it('with vision and embedding models pulled, each capability names its own model', async () => {
  const { cap } = await tableWith(['llama3.2:latest', 'llava:7b', 'nomic-embed-text:latest']);
  expect(cap('llm')).toMatchObject({ inUse: 'ollama', model: 'llama3.2:latest' });
  expect(cap('vision')).toMatchObject({ inUse: 'ollama', model: 'llava:7b' });
  expect(cap('embeddings')).toMatchObject({ inUse: 'ollama', model: 'nomic-embed-text:latest' });
}, 30_000);
