import type { PayloadIngredient, ShotsPayloadInput } from '../../shared/jobs/shots-payload.js';
import { veoDurationFor } from '../../shared/shots/duration.js';
import { VeoPayload, type VeoPayloadInput } from '../../shared/shots/veo.js';

/**
 * The deterministic half of every Veo request, and the whole of the offline one: ingredients in
 * slot order become ASSET reference images, the project's aspect ratio and resolution the
 * parameters, the shot's duration the nearest Veo length (8 s whenever Veo requires it). The
 * template prompt only restates the shot and the ingredients' names and captions.
 */

const ROLE: Record<PayloadIngredient['type'], string> = {
  Character: 'character',
  Location: 'location',
  Object: 'object',
  Style: 'visual style',
};

/** "INT. SERVER ROOM - NIGHT" → "Interior, server room, night." */
export function settingFromSlugline(slugline: string | null): string | null {
  if (!slugline) return null;
  const m = /^\s*(INT\.?\/EXT|I\/E|INT|EXT|EST)[.\s]+(.*)$/i.exec(slugline);
  if (!m) return `${slugline.trim()}.`;
  const key = m[1]!.toUpperCase();
  const place = key === 'INT' ? 'Interior' : key === 'EXT' ? 'Exterior' : key === 'EST' ? 'Exterior' : 'Interior/exterior';
  const parts = m[2]!.split(/\s+[-–—]\s+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  return `${[place, ...parts].join(', ')}.`;
}

function ingredientLine(i: PayloadIngredient): string {
  const what = i.caption ? `: ${i.caption.trim().replace(/\.$/, '')}` : '';
  return `${i.name} (${ROLE[i.type]}, reference image ${i.slot})${what}.`;
}

/** The facts the prompt may use, as text: the template prompt and the LLM's context. */
export function shotContext(input: ShotsPayloadInput): string {
  const lines = [`Shot: ${input.shot.description.trim()}`];
  if (input.shot.shotType) lines.push(`Shot type: ${input.shot.shotType}`);
  if (input.shot.camera) lines.push(`Camera: ${input.shot.camera}`);
  const setting = settingFromSlugline(input.slugline);
  if (setting) lines.push(`Setting: ${setting}`);
  if (input.shot.characters.length) lines.push(`Characters present: ${input.shot.characters.join(', ')}`);
  for (const i of [...input.ingredients].sort((a, b) => a.slot - b.slot)) {
    lines.push(`Reference image ${i.slot} — ${i.type} "${i.name}"${i.caption ? `: ${i.caption}` : ''}${i.tags?.length ? ` (tags: ${i.tags.join(', ')})` : ''}`);
  }
  return lines.join('\n');
}

export function templatePrompt(input: ShotsPayloadInput): string {
  const { shot } = input;
  const framing = [shot.shotType ? `${shot.shotType.toLowerCase()} shot` : null, shot.camera && shot.camera !== 'static' ? shot.camera : null].filter(Boolean).join(', ');
  const parts = [framing ? `${framing[0]!.toUpperCase()}${framing.slice(1)}.` : null, shot.description.trim().replace(/\s+/g, ' '), settingFromSlugline(input.slugline)];
  for (const i of [...input.ingredients].sort((a, b) => a.slot - b.slot)) parts.push(ingredientLine(i));
  return parts.filter(Boolean).join(' ').slice(0, 4000);
}

/** The request around a prompt; validated, so a template that breaks a Veo rule fails here. */
export function buildPayload(input: ShotsPayloadInput, prompt: string, negativePrompt?: string | null): VeoPayload {
  const refs = [...input.ingredients].sort((a, b) => a.slot - b.slot);
  const needsEight = refs.length > 0 || input.resolution !== '720p';
  const people = input.shot.characters.length > 0 || refs.some((r) => r.type === 'Character');
  const payload: VeoPayloadInput = {
    instances: [
      {
        prompt,
        ...(refs.length ? { referenceImages: refs.map((r) => ({ image: { mediaId: r.mediaId, mimeType: r.mime }, referenceType: 'ASSET' as const })) } : {}),
      },
    ],
    parameters: {
      sampleCount: 1,
      durationSeconds: needsEight ? 8 : veoDurationFor(input.shot.duration ?? 8),
      aspectRatio: input.aspectRatio,
      resolution: input.resolution,
      ...(people ? { personGeneration: 'allow_adult' as const } : {}),
      ...(negativePrompt ? { negativePrompt } : {}),
    },
  };
  return VeoPayload.parse(payload);
}
