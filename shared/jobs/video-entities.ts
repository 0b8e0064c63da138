import { z } from 'zod';
import { VideoScript } from '../video/script.js';
import { defineJobKind } from './define.js';
import { LanguageTag } from './video-script.js';

export const ENTITY_TYPES = ['person', 'place', 'organization', 'event', 'work', 'species', 'object', 'concept'] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

/** Entities need an LLM; "embedded" asks for none (the offline answer: an empty list with the reason). */
export const VideoEntitiesProvider = z.enum(['auto', 'embedded', 'ollama', 'openai-compatible', 'anthropic', 'openai']);

export const VideoEntity = z.object({
  /** As written in the script. */
  name: z.string().trim().min(1).max(120),
  type: EntityType,
  /** The English Wikipedia article title the LLM believes it is (the wiki client looks it up). */
  wikiTitle: z.string().trim().min(1).max(200).nullable(),
  /** Scenes that mention it, in script order. */
  sceneIds: z.array(z.string()),
});
export type VideoEntity = z.infer<typeof VideoEntity>;

export const VideoEntitiesInput = z.object({
  script: VideoScript,
  language: LanguageTag.default('en'),
  provider: VideoEntitiesProvider.default('auto'),
});
export type VideoEntitiesInput = z.infer<typeof VideoEntitiesInput>;

export const VideoEntitiesOutput = z.object({
  entities: z.array(VideoEntity),
  provider: z.string(),
  model: z.string(),
  /** True when no LLM was used (and so no entities were extracted). */
  offline: z.boolean(),
  attempts: z.number().int().min(0),
  /** Why the list is empty without an LLM; null when an LLM answered. */
  reason: z.string().nullable(),
  /** Names the LLM gave that the script does not contain (dropped), and similar notes. */
  warnings: z.array(z.string()),
});
export type VideoEntitiesOutput = z.infer<typeof VideoEntitiesOutput>;

export const videoEntities = defineJobKind({
  kind: 'video.entities',
  title: 'Find named entities in a video script',
  description:
    'The LLM extracts the named people, places, organisations, events and works a script mentions, with their types and Wikipedia titles; names not in the script are dropped. Without an LLM it returns no entities and says that extraction needs one.',
  resource: 'cpu',
  input: VideoEntitiesInput,
  output: VideoEntitiesOutput,
  maxAttempts: 1,
  timeoutMs: 5 * 60_000,
  verdict: (out) => (out.offline && out.reason ? { outcome: 'problems', message: out.reason } : { outcome: 'succeeded' }),
});
