import { fromShadertoy, ShadertoyImportError, ShadertoyOrigin, toShadertoy, type ShadertoyDocument } from '../../../shared/shaders/shadertoy-format.js';
import type { ImportShaderBody, Shader } from '../../../shared/schemas/shaders.js';
import { AppError } from '../errors.js';
import { ownerActor, type Actor, type ShaderDeps } from './deps.js';
import { sourceOf } from './shader-rows.js';
import type { ShaderService } from './shader-service.js';

/** Shadertoy tags are free text; ours are short words: lower-case, odd characters → "-", at most 10. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    const clean = t
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]+/gu, '-')
      .replace(/^[^\p{L}\p{N}]+/u, '')
      .replace(/-+$/, '')
      .trim()
      .slice(0, 32);
    if (clean) out.add(clean);
    if (out.size === 10) break;
  }
  return [...out];
}

const titleOf = (name: string): string => name.trim().slice(0, 120) || 'Imported shader';
const descriptionOf = (text: string): string | null => text.trim().slice(0, 1000) || null;
const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

/** What the studio made of an import's text: export writes the original back while the shader still holds that. */
function original<T>(current: T, imported: unknown, derive: (x: string) => T, same: (a: T, b: T) => boolean = (a, b) => a === b): T | string {
  return typeof imported === 'string' && same(derive(imported), current) ? imported : current;
}

/** Shadertoy JSON in and out (the format itself is shared/shaders/shadertoy-format.ts). */
export class ShadertoyIO {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly shaders: ShaderService,
  ) {}

  /** Unsupported inputs (webcam, music, cubemaps, sound passes …) → 422 listing each one; bad GLSL → 422 diagnostics. */
  import(body: ImportShaderBody, actor: Actor = ownerActor(this.deps)): Shader {
    let parsed: ReturnType<typeof fromShadertoy>;
    try {
      parsed = fromShadertoy(body.shadertoy);
    } catch (err) {
      if (err instanceof ShadertoyImportError) throw new AppError(422, 'import_failed', err.message, { unsupported: err.unsupported });
      throw err;
    }
    const { source, meta } = parsed;
    return this.shaders.create(
      {
        title: titleOf(meta.title),
        description: descriptionOf(meta.description),
        tags: normaliseTags([...meta.tags, ...(body.tags ?? [])]),
        source,
      },
      { actor, origin: 'import', importedFrom: { shadertoyId: meta.shadertoyId, author: meta.author, shadertoy: meta.origin ?? null } },
    );
  }

  export(id: string): ShadertoyDocument {
    const row = this.shaders.row(id);
    const author = this.shaders.get(id).author?.username ?? null;
    const from = row.importedFrom as { shadertoyId: string | null; author: string | null; shadertoy?: unknown } | null;
    const parsed = ShadertoyOrigin.safeParse(from?.shadertoy);
    const origin = parsed.success ? parsed.data : null;
    const info = origin?.info ?? {};
    const tags = row.tags ?? [];
    // Title, description and tags were trimmed and normalised on import; unchanged since, the original text goes back out.
    const importedTags = Array.isArray(info.tags) ? info.tags.filter((t): t is string => typeof t === 'string') : null;
    return toShadertoy(sourceOf(row), {
      title: original(row.title, info.name, titleOf),
      description: original(row.description, info.description, descriptionOf) ?? '',
      tags: importedTags && sameTags(normaliseTags(importedTags), tags) ? importedTags : tags,
      author: from?.author ?? author,
      shadertoyId: from?.shadertoyId ?? null,
      origin,
    });
  }
}
