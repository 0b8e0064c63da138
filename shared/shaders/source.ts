import { z } from 'zod';

/** Shadertoy's shipped-input idea, with textures this project generates and ships itself. */
export const TEXTURE_NAMES = ['noise-rgba-256', 'noise-gray-256', 'noise-rgba-64', 'organic-256', 'bayer-8'] as const;
export const TextureName = z.enum(TEXTURE_NAMES);

export const BufferId = z.enum(['A', 'B', 'C', 'D']);
export type BufferId = z.infer<typeof BufferId>;

export const ChannelInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** Another buffer's output; a buffer reading itself gets its previous frame. */
  z.object({ type: z.literal('buffer'), id: BufferId, filter: z.enum(['linear', 'nearest', 'mipmap']).default('linear'), wrap: z.enum(['clamp', 'repeat']).default('clamp') }),
  /**
   * vflip as Shadertoy's sampler has it: true (its default) puts the image's first row at the
   * top (v = 1); false reads it upside down, which some imported shaders rely on.
   */
  z.object({
    type: z.literal('texture'),
    name: TextureName,
    filter: z.enum(['linear', 'nearest', 'mipmap']).default('mipmap'),
    wrap: z.enum(['clamp', 'repeat']).default('repeat'),
    vflip: z.boolean().default(true),
  }),
  /**
   * Shadertoy's keyboard: a 256×3 texture indexed by key code (row 0 held, row 1 pressed this
   * frame, row 2 toggled). The editor feeds real keys while its canvas has focus; renders see no key down.
   */
  z.object({ type: z.literal('keyboard') }),
]);
export type ChannelInput = z.infer<typeof ChannelInput>;

const MAX_PASS_SOURCE = 64 * 1024;
const Code = z.string().max(MAX_PASS_SOURCE, `A pass may hold at most ${MAX_PASS_SOURCE / 1024} KiB of GLSL`);
const Channels = z.array(ChannelInput).max(4).default([]);

/**
 * A shader as the studio stores and renders it: Shadertoy's model (Common + Buffer A–D + Image,
 * each with up to four iChannel inputs). A single-pass shader is just `image`.
 */
export const ShaderSource = z.object({
  common: Code.default(''),
  buffers: z
    .array(z.object({ id: BufferId, code: Code, channels: Channels }))
    .max(4)
    .default([])
    .refine((b) => new Set(b.map((x) => x.id)).size === b.length, 'Each buffer id (A–D) may appear once'),
  image: z.object({ code: Code.min(1, 'The Image pass needs code'), channels: Channels }),
});
export type ShaderSource = z.infer<typeof ShaderSource>;
export type ShaderSourceInput = z.input<typeof ShaderSource>;

export const PassName = z.enum(['common', 'A', 'B', 'C', 'D', 'image']);
export type PassName = z.infer<typeof PassName>;

/** A compiler message mapped back to the user's own line numbers (not the wrapper's). */
export const CompileDiagnostic = z.object({
  pass: PassName,
  line: z.number().int().min(0).describe('1-based line in that pass as the user wrote it; 0 when unknown'),
  column: z.number().int().nullable().default(null),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type CompileDiagnostic = z.infer<typeof CompileDiagnostic>;

export function singlePass(code: string): ShaderSource {
  return ShaderSource.parse({ image: { code } });
}
