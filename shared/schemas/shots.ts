import { z } from 'zod';
import { Id, IsoDate } from './common.js';

/**
 * Shots studio entities (seed 003 §2): projects → scenes → shots, an ingredient library and the
 * three reference slots of each shot. The seed's Postgres tables map onto SQLite rows; JSONB
 * columns become JSON text validated by these schemas.
 */

export const AspectRatio = z.enum(['16:9', '9:16']).describe('Veo 3.1 output aspect ratio');
export type AspectRatio = z.infer<typeof AspectRatio>;
export const Resolution = z.enum(['720p', '1080p', '4k']).describe('Veo 3.1 output resolution');
export type Resolution = z.infer<typeof Resolution>;
export const VeoVersion = z.literal('3.1');
export const ShotStatus = z.enum(['draft', 'generating_json', 'ready']);
export type ShotStatus = z.infer<typeof ShotStatus>;
export const IngredientType = z.enum(['Character', 'Location', 'Object', 'Style']);
export type IngredientType = z.infer<typeof IngredientType>;

/** Veo 3.1 takes up to three reference images; slots are numbered 1–3 as in the seed. */
export const SLOT_COUNT = 3;
export const SlotNumber = z.coerce.number().int().min(1).max(SLOT_COUNT);
/** assigned_ingredients: exactly three entries, an ingredient id or null each. */
export const SlotIds = z.tuple([Id.nullable(), Id.nullable(), Id.nullable()]);
export type SlotIds = z.infer<typeof SlotIds>;

const Name = z.string().trim().min(1).max(200);

export const Project = z.object({
  id: Id,
  name: z.string(),
  resolution: Resolution,
  aspectRatio: AspectRatio,
  veoVersion: VeoVersion,
  sceneCount: z.number().int(),
  shotCount: z.number().int(),
  ingredientCount: z.number().int(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Project = z.infer<typeof Project>;

export const Scene = z.object({
  id: Id,
  projectId: Id,
  slugline: z.string(),
  rawContent: z.string().nullable(),
  order: z.number().int().describe('sequence_number: position of the scene in the project, from 0'),
  shotCount: z.number().int(),
  /** The latest shots.breakdown job for this scene, so the UI can follow its progress. */
  breakdownJobId: Id.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Scene = z.infer<typeof Scene>;

/** The shot's latest Veo submission (its shots.veo_submit job): progress while it runs, the clip when done, why when not. */
export const ShotVeo = z.object({
  jobId: Id,
  status: z.enum(['queued', 'running', 'succeeded', 'completed_with_problems', 'failed', 'cancelled']),
  progress: z.number(),
  progressMessage: z.string().nullable(),
  /** The MP4 in the media store (GET /api/v1/media/:id/file), provider veo. */
  mediaId: Id.nullable(),
  model: z.string().nullable(),
  error: z.string().nullable(),
});
export type ShotVeo = z.infer<typeof ShotVeo>;

export const Shot = z.object({
  id: Id,
  sceneId: Id,
  projectId: Id,
  description: z.string(),
  duration: z.number().nullable().describe('Estimated duration in seconds'),
  order: z.number().int().describe('sequence_number: position within the scene, from 0'),
  slots: SlotIds.describe('assigned_ingredients: ingredient ids in reference slots 1, 2, 3'),
  llmContextCache: z.string().nullable(),
  veoPayload: z.record(z.string(), z.unknown()).nullable().describe('veo_json_payload: the Veo 3.1 request for this shot'),
  /** Who wrote the payload: the LLM, the offline template, or the user's edit. */
  payloadSource: z.enum(['llm', 'template', 'edited']).nullable(),
  status: ShotStatus,
  /** Why the last payload generation failed (the shot stays editable). */
  lastError: z.string().nullable(),
  shotType: z.string().nullable().describe('e.g. WIDE, MEDIUM, CLOSE-UP, INSERT, POV'),
  camera: z.string().nullable().describe('Camera movement / angle, e.g. "slow dolly in"'),
  characters: z.array(z.string()).describe('Names of the characters present'),
  /** Where the shot came from: the LLM breakdown, the offline heuristic, or a person. */
  source: z.enum(['llm', 'heuristic', 'manual']),
  payloadJobId: Id.nullable(),
  veo: ShotVeo.nullable().optional(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Shot = z.infer<typeof Shot>;

/** Measured facts about an uploaded reference; caption/tags only when a vision model wrote them. */
export const IngredientMetadata = z.object({
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Dominant colours, most frequent first, as #rrggbb. */
  palette: z.array(z.string().regex(/^#[0-9a-f]{6}$/)),
  /** Video references only. */
  durationSeconds: z.number().nullable(),
  caption: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Which vision provider/model wrote caption and tags. */
  captionedBy: z.object({ provider: z.string(), model: z.string().nullable() }).optional(),
  /** not_configured: no vision-capable provider, so no caption (never invented). */
  vision: z.object({
    status: z.enum(['not_configured', 'pending', 'done', 'failed']),
    reason: z.string().nullable(),
    jobId: Id.nullable(),
  }),
});
export type IngredientMetadata = z.infer<typeof IngredientMetadata>;

export const IngredientProvenance = z.object({
  source: z.enum(['upload', 'mcp', 'veo']),
  originalName: z.string().nullable(),
  sha256: z.string(),
  bytes: z.number().int(),
  mime: z.string(),
  uploadedAt: IsoDate,
});

export const Ingredient = z.object({
  id: Id,
  projectId: Id,
  type: IngredientType,
  name: z.string(),
  kind: z.enum(['image', 'video']),
  /** The original file in the media store (GET /media/:id/file). */
  mediaId: Id,
  /** 200 px thumbnail (PNG); for a video, of its poster frame. */
  thumbnailMediaId: Id.nullable(),
  /** Video references: the poster frame at full size (what goes to Veo as the reference image). */
  posterMediaId: Id.nullable(),
  metadata: IngredientMetadata,
  provenance: IngredientProvenance,
  /** Shots whose slots hold this ingredient. */
  usedBy: z.array(z.object({ shotId: Id, sceneId: Id, slot: z.number().int(), description: z.string() })),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type Ingredient = z.infer<typeof Ingredient>;

/** A character assigned to a shot but missing from the next shot of the scene that names them. */
export const ContinuityWarning = z.object({
  kind: z.literal('character_missing'),
  sceneId: Id,
  shotId: Id.describe('The shot that names the character without its reference'),
  previousShotId: Id.describe('The shot whose slot holds the character'),
  ingredientId: Id,
  character: z.string(),
  message: z.string(),
});
export type ContinuityWarning = z.infer<typeof ContinuityWarning>;

export const SceneWithShots = Scene.extend({ shots: z.array(Shot) });
/** Everything the board needs in one read. */
export const ProjectBoard = z.object({
  project: Project,
  scenes: z.array(SceneWithShots),
  ingredients: z.array(Ingredient),
  warnings: z.array(ContinuityWarning),
});
export type ProjectBoard = z.infer<typeof ProjectBoard>;

// ---- request bodies -------------------------------------------------------------------------

export const CreateProjectBody = z
  .object({ name: Name, resolution: Resolution.default('1080p'), aspectRatio: AspectRatio.default('16:9'), veoVersion: VeoVersion.default('3.1') })
  .strict();
export const UpdateProjectBody = z.object({ name: Name.optional(), resolution: Resolution.optional(), aspectRatio: AspectRatio.optional() }).strict();

export const CreateSceneBody = z
  .object({ slugline: Name, rawContent: z.string().max(1_000_000).nullable().default(null), order: z.number().int().min(0).optional() })
  .strict();
export const UpdateSceneBody = z.object({ slugline: Name.optional(), rawContent: z.string().max(1_000_000).nullable().optional() }).strict();

const ShotFields = {
  description: z.string().trim().min(1).max(10_000),
  duration: z.number().positive().max(600).nullable(),
  shotType: z.string().trim().max(60).nullable(),
  camera: z.string().trim().max(300).nullable(),
  characters: z.array(z.string().trim().min(1).max(100)).max(50),
};
export const CreateShotBody = z
  .object({
    description: ShotFields.description,
    duration: ShotFields.duration.default(null),
    shotType: ShotFields.shotType.default(null),
    camera: ShotFields.camera.default(null),
    characters: ShotFields.characters.default([]),
    order: z.number().int().min(0).optional(),
  })
  .strict();
export const UpdateShotBody = z
  .object({
    description: ShotFields.description.optional(),
    duration: ShotFields.duration.optional(),
    shotType: ShotFields.shotType.optional(),
    camera: ShotFields.camera.optional(),
    characters: ShotFields.characters.optional(),
    /** A user edit of the payload (validated against the Veo 3.1 request schema); null clears it. */
    veoPayload: z.record(z.string(), z.unknown()).nullable().optional(),
    /** Move the shot to another scene of the same project (appended at the end). */
    sceneId: Id.optional(),
  })
  .strict();

export const ReorderBody = z.object({ ids: z.array(Id).min(1).max(10_000).describe('Every id of the list, in the new order') }).strict();
export const AssignSlotBody = z.object({ ingredientId: Id }).strict();
export const UpdateIngredientBody = z.object({ name: Name.optional(), type: IngredientType.optional() }).strict();
export const IngredientListQuery = z.object({
  type: IngredientType.optional(),
  q: z.string().max(200).optional().describe('Search in name, caption and tags'),
});
export const DeleteIngredientQuery = z.object({
  confirm: z.enum(['true', 'false']).default('false').describe('Delete even while shots use it (their slots are cleared)'),
});

/** Soft delete: the row stays restorable until purged; restore with the returned path. */
export const Deleted = z.object({ ok: z.literal(true), id: Id, restorePath: z.string(), clearedSlots: z.number().int().default(0) });
export type Deleted = z.infer<typeof Deleted>;

/** Fields of the multipart POST /assets/upload (besides the `file` part). */
export const UploadFields = z.object({ projectId: Id, type: IngredientType, name: Name.optional() });

// ---- script import ---------------------------------------------------------------------------

export const ParseScriptBody = z
  .object({
    /** The screenplay as text (.fountain / .txt / .fdx XML). */
    text: z.string().max(1_800_000).optional(),
    /** Or its raw bytes (UTF-8/UTF-16 with or without BOM), decoded by the host. */
    base64: z.string().max(1_900_000).optional(),
    fileName: z.string().max(255).optional(),
    /** When set, the parsed scenes are added to this project. */
    projectId: Id.optional(),
    /** replace: the project's scenes are soft-deleted first (restorable). */
    mode: z.enum(['append', 'replace']).default('append'),
    /** Queue a shots.breakdown job per created scene. */
    breakdown: z.boolean().default(true),
  })
  .strict()
  .refine((b) => (b.text === undefined) !== (b.base64 === undefined), { message: 'Send exactly one of text or base64' });

export const ParsedSceneSummary = z.object({
  slugline: z.string(),
  rawContent: z.string(),
  characters: z.array(z.string()),
});
export const ParseScriptResult = z.object({
  title: z.string().nullable(),
  format: z.string().describe('fountain, txt or fdx'),
  scenes: z.array(ParsedSceneSummary),
  /** The parsed document (title page + elements) for the screenplay view. */
  document: z.unknown(),
  /** Scenes created when projectId was given. */
  createdSceneIds: z.array(Id),
  breakdownJobIds: z.array(Id),
});
export type ParseScriptResult = z.infer<typeof ParseScriptResult>;

export const ShotProjectList = z.object({ projects: z.array(Project) });
export const IngredientList = z.object({ ingredients: z.array(Ingredient) });
export const ShotWithWarnings = z.object({ shot: Shot, warnings: z.array(ContinuityWarning) });
export type ShotWithWarnings = z.infer<typeof ShotWithWarnings>;
export type ShotProjectList = z.infer<typeof ShotProjectList>;
export type IngredientList = z.infer<typeof IngredientList>;
