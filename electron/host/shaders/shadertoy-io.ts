import { fromShadertoy, ShadertoyImportError, toShadertoy, type ShadertoyDocument } from '../../../shared/shaders/shadertoy-format.js';
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

/** Shadertoy JSON in and out (the format itself is shared/shaders/shadertoy-format.ts). */
export class ShadertoyIO {
  constructor(
    private readonly deps: ShaderDeps,
    private readonly shaders: ShaderService,
  ) {}

  /** Unsupported inputs (keyboard, webcam, sound passes …) → 422 listing each one; bad GLSL → 422 diagnostics. */
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
        title: (meta.title.trim() || 'Imported shader').slice(0, 120),
        description: meta.description.trim().slice(0, 1000) || null,
        tags: normaliseTags([...meta.tags, ...(body.tags ?? [])]),
        source,
      },
      { actor, origin: 'import', importedFrom: { shadertoyId: meta.shadertoyId, author: meta.author } },
    );
  }

  export(id: string): ShadertoyDocument {
    const row = this.shaders.row(id);
    const author = this.shaders.get(id).author?.username ?? null;
    const from = row.importedFrom as { shadertoyId: string | null; author: string | null } | null;
    return toShadertoy(sourceOf(row), {
      title: row.title,
      description: row.description ?? '',
      tags: row.tags ?? [],
      author: from?.author ?? author,
      shadertoyId: from?.shadertoyId ?? null,
    });
  }
}
