import { z } from 'zod';

/**
 * The Veo 3.1 video request, as @google/genai 2.32 sends it to
 * `models/veo-3.1-generate-preview:predictLongRunning` (Gemini API) or to Vertex AI's
 * `publishers/google/models/veo-3.1-generate-001:predictLongRunning`:
 *   { instances: [{ prompt, image?, lastFrame?, referenceImages? }], parameters: { … } }
 * Rules encoded here (Google's Veo 3.1 docs): up to 3 ASSET reference images; durationSeconds
 * 4 | 6 | 8, and 8 with reference images or 1080p/4k; `seed`, `generateAudio` and gcsUri
 * images exist on Vertex AI only.
 *
 * A shot's stored payload (VeoPayload) keeps images as media-store ids; toVeoRequest turns them
 * into bytesBase64Encoded when the request is sent or exported.
 */

export const VEO_MODEL = { gemini: 'veo-3.1-generate-preview', vertex: 'veo-3.1-generate-001' } as const;
export const VeoApi = z.enum(['gemini', 'vertex']);
export type VeoApi = z.infer<typeof VeoApi>;

export const VeoMime = z.enum(['image/png', 'image/jpeg', 'image/webp']);
export const MAX_REFERENCE_IMAGES = 3;

/** The SDK sends ASSET/STYLE; REST examples write them lower-case. Both are read. */
const ReferenceType = z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(['ASSET', 'STYLE']));

const DurationSeconds = z.union([z.literal(4), z.literal(6), z.literal(8)]);

const Parameters = z
  .object({
    sampleCount: z.number().int().min(1).max(4).optional(),
    durationSeconds: DurationSeconds.optional(),
    aspectRatio: z.enum(['16:9', '9:16']).optional(),
    resolution: z.enum(['720p', '1080p', '4k']).optional(),
    personGeneration: z.enum(['allow_all', 'allow_adult', 'dont_allow']).optional(),
    negativePrompt: z.string().max(2000).optional(),
    enhancePrompt: z.boolean().optional(),
    /** Vertex AI only. */
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    /** Vertex AI only (the Gemini API always generates audio with Veo 3.x). */
    generateAudio: z.boolean().optional(),
  })
  .strict();

function instanceSchema<I extends z.ZodType>(image: I) {
  return z
    .object({
      prompt: z.string().trim().min(1, 'the prompt is empty').max(4000),
      /** First frame (image-to-video). */
      image: image.optional(),
      /** Last frame (interpolation; needs `image`). */
      lastFrame: image.optional(),
      referenceImages: z.array(z.object({ image, referenceType: ReferenceType }).strict()).max(MAX_REFERENCE_IMAGES, `Veo 3.1 takes at most ${MAX_REFERENCE_IMAGES} reference images`).optional(),
    })
    .strict();
}

function requestSchema<I extends z.ZodType>(image: I, api: VeoApi | null) {
  return z
    .object({ instances: z.tuple([instanceSchema(image)]), parameters: Parameters.default({}) })
    .strict()
    .superRefine((req, ctx) => {
      const inst = req.instances[0];
      const p = req.parameters;
      const refs = inst.referenceImages ?? [];
      if (refs.some((r) => r.referenceType === 'STYLE')) ctx.addIssue({ code: 'custom', path: ['instances', 0, 'referenceImages'], message: 'Veo 3.1 takes ASSET reference images only (STYLE is Veo 2)' });
      if (refs.length && inst.image) ctx.addIssue({ code: 'custom', path: ['instances', 0, 'image'], message: 'a first-frame image and reference images cannot be combined' });
      if (inst.lastFrame && !inst.image) ctx.addIssue({ code: 'custom', path: ['instances', 0, 'lastFrame'], message: 'lastFrame needs a first-frame image' });
      if (p.durationSeconds !== undefined && p.durationSeconds !== 8) {
        if (refs.length) ctx.addIssue({ code: 'custom', path: ['parameters', 'durationSeconds'], message: 'durationSeconds must be 8 with reference images' });
        else if (p.resolution === '1080p' || p.resolution === '4k') ctx.addIssue({ code: 'custom', path: ['parameters', 'durationSeconds'], message: `durationSeconds must be 8 at ${p.resolution}` });
      }
      if (api === 'gemini') {
        for (const k of ['seed', 'generateAudio'] as const) if (p[k] !== undefined) ctx.addIssue({ code: 'custom', path: ['parameters', k], message: `${k} is a Vertex AI parameter; the Gemini API refuses it` });
      }
    });
}

/** Wire images: inline bytes (both APIs) or a Cloud Storage URI (Vertex AI). */
export const VeoWireImage = z.union([
  z.object({ bytesBase64Encoded: z.string().min(1).regex(/^[A-Za-z0-9+/=]+$/, 'not base64'), mimeType: VeoMime }).strict(),
  z.object({ gcsUri: z.string().regex(/^gs:\/\//, 'a gs:// URI'), mimeType: VeoMime }).strict(),
]);
/** Stored images: a media-store id, resolved at send/export time. */
export const VeoStoredImage = z.object({ mediaId: z.string().min(1), mimeType: VeoMime }).strict();
export type VeoStoredImage = z.infer<typeof VeoStoredImage>;

export const VeoGeminiRequest = requestSchema(VeoWireImage, 'gemini');
export const VeoVertexRequest = requestSchema(VeoWireImage, 'vertex');
export type VeoRequest = z.infer<typeof VeoVertexRequest>;

/** A shot's veo_json_payload: the request with media ids for images. */
export const VeoPayload = requestSchema(VeoStoredImage, null);
export type VeoPayload = z.infer<typeof VeoPayload>;
export type VeoPayloadInput = z.input<typeof VeoPayload>;

/** null when the payload is a valid Veo 3.1 request (for `api`, when given), else why not. */
export function checkVeoPayload(payload: unknown, api?: VeoApi): string | null {
  const r = VeoPayload.safeParse(payload);
  if (!r.success) return z.prettifyError(r.error);
  if (api === 'gemini') {
    const p = r.data.parameters;
    if (p.seed !== undefined || p.generateAudio !== undefined) return 'seed and generateAudio are Vertex AI parameters; the Gemini API refuses them';
  }
  return null;
}

/** Stored payload → wire request, reading each image's bytes once; validated for the target API. */
export async function toVeoRequest(payload: VeoPayload, api: VeoApi, bytesOf: (mediaId: string) => Promise<Uint8Array>): Promise<VeoRequest> {
  const cache = new Map<string, string>();
  const wire = async (img: VeoStoredImage) => {
    let b64 = cache.get(img.mediaId);
    if (!b64) {
      b64 = base64(await bytesOf(img.mediaId));
      cache.set(img.mediaId, b64);
    }
    return { bytesBase64Encoded: b64, mimeType: img.mimeType };
  };
  const inst = payload.instances[0];
  const out = {
    instances: [
      {
        prompt: inst.prompt,
        ...(inst.image ? { image: await wire(inst.image) } : {}),
        ...(inst.lastFrame ? { lastFrame: await wire(inst.lastFrame) } : {}),
        ...(inst.referenceImages ? { referenceImages: await Promise.all(inst.referenceImages.map(async (r) => ({ image: await wire(r.image), referenceType: r.referenceType }))) } : {}),
      },
    ],
    parameters: payload.parameters,
  };
  return (api === 'gemini' ? VeoGeminiRequest : VeoVertexRequest).parse(out);
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
