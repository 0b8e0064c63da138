import { z } from 'zod';
import { TrustTier } from '../schemas/api-keys.js';
import { JobStatus } from '../schemas/jobs.js';

/**
 * Input schemas of the MCP tools. Names and fields follow seed 000 §12 (snake_case, as agents
 * already know them); the studio-specific tools follow the same style. Every object is strict:
 * an argument the tool does not know (a typo, camelCase) is refused with a message naming the
 * fields it takes, instead of being silently dropped.
 */

const snake = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** A strict object whose unknown-key message names the accepted fields and the likely intended one. */
function strict<S extends z.ZodRawShape>(what: string, shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      const hints = iss.keys.map((k) => (known.includes(snake(k)) ? `"${k}" (did you mean "${snake(k)}"?)` : `"${k}"`));
      return `Unknown argument${iss.keys.length > 1 ? 's' : ''} ${hints.join(', ')}: ${what} takes ${known.join(', ')}`;
    },
  });
}

const styleMetadata = (what: string) =>
  strict(what, {
    chaos_level: z.number().min(0).max(1).optional(),
    color_temperature: z.enum(['warm', 'cool', 'neutral', 'monochrome']).optional(),
    motion_type: z.string().max(40).optional(),
  });
const Tags = z.array(z.string().trim().min(1).max(32)).max(10);
const WorldCoord = z.number().min(-100_000).max(100_000);
const Vec3 = z.tuple([WorldCoord, WorldCoord, WorldCoord]);
const Quat = z.tuple([z.number().min(-1.0001).max(1.0001), z.number().min(-1.0001).max(1.0001), z.number().min(-1.0001).max(1.0001), z.number().min(-1.0001).max(1.0001)]);
const ShaderCode = z.string().min(1).max(64 * 1024).describe('Complete GLSL fragment shader code, Shadertoy-compatible (void mainImage(out vec4 fragColor, in vec2 fragCoord))');

export const MCP_TOOL_INPUTS = {
  submit_shader: strict('submit_shader', {
    glsl_code: ShaderCode,
    title: z.string().trim().min(1).max(120),
    description: z.string().max(1000).optional(),
    tags: Tags.optional(),
    shader_type: z.enum(['2d', '3d', 'audio-reactive']).default('2d'),
    style_metadata: styleMetadata('style_metadata').optional(),
    fulfills_desire_id: z.string().optional().describe('If this shader fulfills an open bounty, include the desire ID'),
  }),
  browse_shaders: strict('browse_shaders', {
    query: z.string().max(200).optional(),
    tags: z.array(z.string()).max(10).optional(),
    sort: z.enum(['trending', 'new', 'top', 'random']).default('trending'),
    shader_type: z.enum(['2d', '3d', 'audio-reactive', 'all']).default('all'),
    limit: z.number().int().min(1).max(50).default(10),
    cursor: z.string().optional(),
  }),
  get_desire_queue: strict('get_desire_queue', {
    min_heat: z.number().min(0).default(0).describe('Minimum heat score (higher = more demand)'),
    has_tip: z.boolean().optional().describe('Filter to only tipped bounties'),
    min_tip_cents: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(20).default(10),
  }),
  fulfill_desire: strict('fulfill_desire', { desire_id: z.string().min(1), shader_id: z.string().min(1) }),
  get_trending: strict('get_trending', { period: z.enum(['1h', '24h', '7d']).default('24h'), limit: z.number().int().min(1).max(50).default(10) }),
  get_feed_context: strict('get_feed_context', { include_taste_profile: z.boolean().default(false) }),
  tag_shader: strict('tag_shader', { shader_id: z.string().min(1), tags: Tags.min(1) }),
  render_shader: strict('render_shader', {
    glsl_code: ShaderCode,
    width: z.number().int().min(64).max(1280).default(640),
    height: z.number().int().min(64).max(720).default(360),
    times: z.array(z.number().min(0).max(60)).min(1).max(4).default([2]).describe('iTime of each frame returned as an image'),
  }),
  generate_shader: strict('generate_shader', {
    prompt: z.string().trim().min(1).max(2000),
    chaos: z.number().min(0).max(1).default(0.5),
    color_temperature: z.number().min(-1).max(1).default(0),
    motion: z.number().min(0).max(1).default(0.5),
    provider: z.enum(['auto', 'procedural', 'ollama', 'openai-compatible', 'anthropic', 'openai']).default('auto'),
    desire_id: z.string().optional(),
  }),
  get_job: strict('get_job', { job_id: z.string().min(1) }),
  list_jobs: strict('list_jobs', { status: JobStatus.optional(), kind: z.string().optional(), limit: z.number().int().min(1).max(100).default(20) }),
  post_desire: strict('post_desire', {
    prompt_text: z.string().trim().min(3).max(500),
    style_hints: styleMetadata('style_hints').optional(),
    auto_fulfil: z.boolean().default(true).describe('Let the studio generate it at once when demand is low and the queue is clear (else it is listed on the board)'),
  }),
  review_desire_candidate: strict('review_desire_candidate', {
    desire_id: z.string().min(1),
    verdict: z.enum(['accept', 'reject']).describe('accept publishes the generated candidate and fulfils the desire; reject reopens the desire'),
    shader_id: z.string().min(1).optional().describe('The candidate you looked at; refused if a newer one replaced it'),
    retry: z.boolean().default(false).describe('With reject: generate another candidate at once'),
  }),
  vote_shader: strict('vote_shader', { shader_id: z.string().min(1), value: z.union([z.literal(1), z.literal(-1), z.literal(0)]).describe('1 up, -1 down, 0 removes your vote') }),
  shots_import_script: strict('shots_import_script', {
    text: z.string().min(1).max(1_800_000).describe('The screenplay: Fountain (.fountain/.txt) or Final Draft XML (.fdx)'),
    file_name: z.string().max(255).optional().describe('Its file name; ".fdx" picks Final Draft'),
    project_id: z.string().min(1).optional().describe('Add the scenes to this Shots project; without it a new project is made'),
    project_name: z.string().trim().min(1).max(200).optional().describe('Name of the new project (default: the title page title)'),
    mode: z.enum(['append', 'replace']).default('append').describe('replace: the project\'s scenes are deleted first (restorable)'),
    breakdown: z.boolean().default(true).describe('Queue a shots.breakdown job per scene (LLM Script Supervisor, offline heuristic without an LLM)'),
  }),
  shots_list: strict('shots_list', {
    project_id: z.string().min(1).optional().describe('One project: its scenes, shots, slots and continuity warnings. Without it: the projects'),
  }),
  shots_generate_payload: strict('shots_generate_payload', {
    shot_id: z.string().min(1).describe('The shot whose Veo 3.1 request to write (status generating_json, then ready); follow the job with get_job'),
  }),
  generate_video: strict('generate_video', {
    prompt: z.string().trim().min(1).max(8000).describe('What the video shows and says; the script writer turns it into scenes'),
    title: z.string().trim().min(1).max(200).optional(),
    style: z.string().trim().min(1).max(60).default('cinematic'),
    voice: z.string().trim().min(1).max(200).optional().describe('TTS voice (espeak voice or ElevenLabs voice id); default: the provider default'),
    language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/).default('en'),
    duration_target: z.number().min(2).max(300).default(7).describe('Target length in seconds'),
    produce_preview: z.boolean().default(true).describe('Render a 640x360 preview before the final'),
  }),
  get_video: strict('get_video', {
    video_id: z.string().min(1).describe('A video id from generate_video or list_videos; the answer has its status, stage error, script, media and the poster as an image'),
  }),
  list_videos: strict('list_videos', {
    query: z.string().max(200).optional().describe('Search in title, description and prompt'),
    include_unfinished: z.boolean().default(false).describe('Also videos still rendering or failed (default: the library of finished videos)'),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  liveloop_add: strict('liveloop_add', {
    video_id: z.string().min(1).describe('A finished library video (list_videos)'),
    channel_id: z.string().min(1).optional().describe('The LiveLoop channel; omitted: the default channel (made on first use)'),
  }),
  liveloop_now_playing: strict('liveloop_now_playing', {
    channel_id: z.string().min(1).optional().describe('Omitted: the default channel'),
    at: z.string().datetime({ offset: true }).optional().describe('ISO time to preview what plays then; omitted: now'),
  }),
  world_spawn: strict('world_spawn', {
    prompt: z.string().trim().min(1).max(2000).describe('What to spawn, e.g. "a rusty barrel 1m tall"; a placeholder of the right size appears at once, the asset replaces it when world.generate finishes'),
    world_id: z.string().min(1).optional().describe('The world (world_list_entities without world_id lists them); omitted: the most recently edited world, or a new one'),
    position: Vec3.optional().describe('Where it stands (ground contact), metres [x, y, z]; default the origin'),
    rotation: Quat.optional().describe('Unit quaternion [x, y, z, w]'),
    scale: z.tuple([z.number().min(0.001).max(1000), z.number().min(0.001).max(1000), z.number().min(0.001).max(1000)]).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional().describe('Another seed gives another variant of the same prompt'),
    wait: z.boolean().default(false).describe('Wait (up to 3 minutes) for the asset instead of returning with the placeholder'),
    idempotency_key: z.string().trim().min(1).max(200).optional().describe('Send the same key when retrying a call so the world gets one entity, not two'),
  }),
  world_list_entities: strict('world_list_entities', {
    world_id: z.string().min(1).optional().describe('Without it: the worlds. With it: that world\'s entities (transform, physics, status, asset)'),
  }),
  world_update_entity: strict('world_update_entity', {
    entity_id: z.string().min(1),
    name: z.string().trim().min(1).max(200).optional(),
    position: Vec3.optional(),
    rotation: Quat.optional(),
    scale: z.tuple([z.number().min(0.001).max(1000), z.number().min(0.001).max(1000), z.number().min(0.001).max(1000)]).optional(),
    physics: strict('physics', {
      body_type: z.enum(['dynamic', 'static', 'kinematic']).optional(),
      mass_kg: z.number().min(0).max(1_000_000).optional(),
      gravity_scale: z.number().min(-10).max(10).optional(),
      friction: z.number().min(0).max(10).optional(),
      restitution: z.number().min(0).max(1).optional(),
    }).optional(),
    render: strict('render', {
      tint: z.string().regex(/^#[0-9a-fA-F]{6}$/).nullable().optional(),
      cast_shadow: z.boolean().optional(),
      receive_shadow: z.boolean().optional(),
    }).optional(),
    behaviour: strict('behaviour', { pickupable: z.boolean().optional(), throwable: z.boolean().optional(), breakable: z.boolean().optional() }).optional(),
  }),
  world_snapshot: strict('world_snapshot', {
    world_id: z.string().min(1),
    width: z.number().int().min(64).max(2048).default(768),
    height: z.number().int().min(64).max(2048).default(512),
    camera_position: Vec3.optional().describe('Camera position in metres; omitted, the view frames every entity'),
    camera_target: Vec3.optional().describe('Point the camera looks at (with camera_position)'),
  }),
  community_feed: strict('community_feed', { sort: z.enum(['trending', 'new']).default('trending'), kind: z.enum(['shader', 'video', 'prefab']).optional(), query: z.string().trim().min(1).max(100).optional().describe('Words in the title'), limit: z.number().int().min(1).max(50).default(10), cursor: z.string().regex(/^\d{1,5}$/).optional().describe('next_cursor of the previous page') }),
  community_publish: strict('community_publish', { kind: z.enum(['shader', 'video', 'prefab']).describe('What to publish: a shader, a finished library video, or a world prefab'), id: z.string().min(1).max(200).describe('Its local id (shader id, video id, prefab id)') }),
  community_bounties: strict('community_bounties', { status: z.enum(['open', 'fulfilled']).default('open').describe('open (hottest first) or fulfilled'), has_tip: z.boolean().optional().describe('Only desires with (true) or without (false) held tips'), limit: z.number().int().min(1).max(50).default(20) }),
  community_bounty_post: strict('community_bounty_post', { desire_id: z.string().min(1).describe('A local desire id (get_desire_queue)'), tip_cents: z.number().int().min(100).max(100_000).optional().describe('Optional tip in US cents (min 100); the owner pays it on the returned Checkout page'), ttl_days: z.number().int().min(1).max(90).optional() }),
  world_host_on_relay: strict('world_host_on_relay', { world_id: z.string().min(1).describe('The world to host'), max_players: z.number().int().min(1).max(16).default(5) }),
  community_bounty_fulfil: strict('community_bounty_fulfil', { desire_id: z.string().uuid().describe('The bounty-board desire id (community_bounties)'), shader_id: z.string().min(1).describe('The local shader that answers it'), publish_first: z.boolean().default(true).describe('Publish the shader to the relay first when it is not there yet (waits for the community.publish job)') }),
} as const;

export type McpToolName = keyof typeof MCP_TOOL_INPUTS;

/** Tools a probation key may not call (seed §4c), with the tier they need. */
export const TOOL_MIN_TIER: Partial<Record<McpToolName, z.infer<typeof TrustTier>>> = {
  fulfill_desire: 'trusted',
  tag_shader: 'trusted',
  community_bounty_post: 'trusted',
  community_bounty_fulfil: 'trusted',
  // Publishes in the owner's name on the relay: not for a key still on probation.
  community_publish: 'trusted',
  // Uploads the owner's world to the relay and hands out an invite in their name.
  world_host_on_relay: 'trusted',
};
