import sharp from 'sharp';
import { VisionCaption, type ShotsCaptionInput, type ShotsCaptionOutput } from '../../shared/jobs/shots-caption.js';
import { selectLlm } from '../providers/llm/select.js';
import { ProviderError } from '../providers/types.js';
import type { TaskHandler } from '../task-context.js';

const FOCUS: Record<ShotsCaptionInput['type'], string> = {
  Character: 'the person or creature: apparent age, build, hair, face, clothing, colours',
  Location: 'the place: interior or exterior, architecture, time of day, weather, lighting',
  Object: 'the object: shape, material, colour, condition, size cues',
  Style: 'the visual style: palette, contrast, lighting, texture, lens and film look',
};

/**
 * shots.caption: a vision model captions a reference for the Veo payload's context. The image is
 * re-encoded as a PNG of at most 1024 px (vision APIs take PNG/JPEG; WebP and big files are not
 * safe everywhere). No vision model: the job fails with why; nothing is invented.
 */
export const shotsCaptionTask: TaskHandler<ShotsCaptionInput, ShotsCaptionOutput> = async (input, ctx) => {
  const client = await selectLlm(ctx.providers, { capability: 'vision', signal: ctx.signal, client: { log: ctx.log }, log: ctx.log });
  if (!client) throw new ProviderError('ollama', 'No vision-capable provider is configured (an Ollama vision model such as llava, or a BYOK vision provider); no caption was made', 'not_configured');
  ctx.progress(0.2, `Asking ${client.label} (${client.model}) to describe the image`);
  const png = await sharp(input.image.path).rotate().resize(1024, 1024, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
  const res = await client.json(VisionCaption, {
    name: 'reference_caption',
    system: 'You describe reference images for a film pre-production tool. Describe only what is visible in the image. Never guess names, story, or anything not shown.',
    messages: [{ role: 'user', content: `Describe this ${input.type.toLowerCase()} reference, focusing on ${FOCUS[input.type]}. Answer as JSON {"caption": string, "tags": string[]}.`, images: [png.toString('base64')] }],
    temperature: 0.2,
    signal: ctx.signal,
  });
  ctx.progress(1, `Captioned by ${res.provider} (${res.model})`);
  return { ingredientId: input.ingredientId, caption: res.value.caption, tags: res.value.tags, provider: res.provider, model: res.model };
};
