import type { Probe, ProbeOutcome } from './probe.js';

interface Endpoint {
  name: string;
  url: string;
  source: string;
  path: string;
  describe(body: unknown): string;
}

async function reach(ep: Endpoint, signal: AbortSignal): Promise<{ ok: true; detail: string } | { ok: false; detail: string }> {
  const timeout = AbortSignal.timeout(2000);
  try {
    const res = await fetch(new URL(ep.path, ep.url), { signal: AbortSignal.any([signal, timeout]) });
    if (!res.ok) return { ok: false, detail: `${ep.name} at ${ep.url} answered HTTP ${res.status}` };
    return { ok: true, detail: `${ep.name} at ${ep.url}: ${ep.describe(await res.json().catch(() => null))}` };
  } catch (err) {
    if (signal.aborted) throw err;
    const why = timeout.aborted ? 'no answer within 2 s' : 'not reachable';
    return { ok: false, detail: `${ep.name} ${why} at ${ep.url} (${ep.source})` };
  }
}

function endpoints(env: NodeJS.ProcessEnv): Endpoint[] {
  const list: Endpoint[] = [
    {
      name: 'Ollama',
      url: env.OLLAMA_HOST ? (env.OLLAMA_HOST.startsWith('http') ? env.OLLAMA_HOST : `http://${env.OLLAMA_HOST}`) : 'http://127.0.0.1:11434',
      source: env.OLLAMA_HOST ? 'env OLLAMA_HOST' : 'default',
      path: '/api/version',
      describe: (b) => `version ${(b as { version?: string } | null)?.version ?? 'unknown'}`,
    },
    {
      name: 'ComfyUI',
      url: env.COMFYUI_URL ?? 'http://127.0.0.1:8188',
      source: env.COMFYUI_URL ? 'env COMFYUI_URL' : 'default',
      path: '/system_stats',
      describe: (b) => `ComfyUI ${(b as { system?: { comfyui_version?: string } } | null)?.system?.comfyui_version ?? ''}`.trim(),
    },
  ];
  if (env.OPENAI_BASE_URL) {
    list.push({
      name: 'OpenAI-compatible',
      url: env.OPENAI_BASE_URL.endsWith('/') ? env.OPENAI_BASE_URL : `${env.OPENAI_BASE_URL}/`,
      source: 'env OPENAI_BASE_URL',
      path: 'models',
      describe: (b) => `${(b as { data?: unknown[] } | null)?.data?.length ?? 0} models`,
    });
  }
  return list;
}

/**
 * Which AI services this machine can reach. None is required: every capability has an embedded
 * offline default, so unreachable services are reported, not failed.
 */
export const providersProbe: Probe = {
  id: 'providers',
  label: 'AI providers',
  async run({ env, signal }): Promise<ProbeOutcome> {
    const results = await Promise.all(endpoints(env).map((ep) => reach(ep, signal)));
    const keys = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'ELEVENLABS_API_KEY'].filter((k) => env[k]).map((k) => `${k} set`);
    const reachable = results.filter((r) => r.ok).length;
    const detail = [...results.map((r) => r.detail), ...(keys.length ? [`keys: ${keys.join(', ')}`] : [])].join('; ');
    return {
      status: reachable > 0 || keys.length > 0 ? 'ok' : 'warn',
      detail: reachable > 0 || keys.length > 0 ? detail : `${detail}. The embedded offline defaults are in use.`,
      source: 'env/defaults',
    };
  },
};
