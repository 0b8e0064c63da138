import { z } from 'zod';
import { EntityType, type VideoEntity } from '../../../shared/jobs/video-entities.js';
import type { VideoScript } from '../../../shared/video/script.js';
import type { LlmClient } from '../../providers/llm/types.js';

export const EntitiesAnswer = z.object({
  entities: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(120),
        type: EntityType,
        wikiTitle: z.string().trim().max(200).nullable(),
      }),
    )
    .max(40),
});

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function sceneText(scene: VideoScript['scenes'][number]): string {
  return norm([scene.description, ...scene.actions, ...scene.dialog.flatMap((d) => [d.speaker ?? '', d.text])].join(' \n '));
}

export interface ExtractedEntities {
  entities: VideoEntity[];
  provider: string;
  model: string;
  attempts: number;
  warnings: string[];
}

/**
 * Named entities of a script by the LLM, kept only where the script really mentions them (a name
 * the model made up is dropped and noted), one entry per name, with the scenes that mention it.
 */
export async function extractEntities(client: LlmClient, script: VideoScript, opts: { signal?: AbortSignal }): Promise<ExtractedEntities> {
  const text = [`Title: ${script.title}`, ...script.scenes.map((s, i) => `Scene ${i + 1}: ${s.description} ${s.actions.join('. ')} ${s.dialog.map((d) => (d.speaker ? `${d.speaker}: ${d.text}` : d.text)).join(' ')}`)].join('\n');
  const res = await client.json(EntitiesAnswer, {
    name: 'named_entities',
    system: [
      'Extract the named entities this video script mentions: real or fictional people, places, organizations, events, creative works, species, notable objects and named concepts.',
      `type is one of ${EntityType.options.join(', ')}. name is spelled exactly as in the script.`,
      'wikiTitle is the title of the English Wikipedia article about it when you are confident one exists, else null.',
      'Only names that appear in the script; no common nouns ("a lighthouse"), no duplicates. An empty list is a valid answer.',
    ].join('\n'),
    messages: [{ role: 'user', content: text }],
    temperature: 0,
    maxRepairs: 2,
    signal: opts.signal,
  });
  const scenes = script.scenes.map((s) => ({ id: s.id, text: sceneText(s) }));
  const whole = `${norm(script.title)}\n${scenes.map((s) => s.text).join('\n')}`;
  const seen = new Set<string>();
  const warnings: string[] = [];
  const entities: VideoEntity[] = [];
  for (const e of res.value.entities) {
    const key = norm(e.name);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!whole.includes(key)) {
      warnings.push(`"${e.name}" is not in the script; dropped`);
      continue;
    }
    entities.push({ name: e.name, type: e.type, wikiTitle: e.wikiTitle || null, sceneIds: scenes.filter((s) => s.text.includes(key)).map((s) => s.id) });
  }
  return { entities, provider: res.provider, model: res.model, attempts: res.attempts, warnings };
}
