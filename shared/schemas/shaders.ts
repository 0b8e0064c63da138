import { z } from 'zod';
import { CompileDiagnostic, ShaderSource } from '../shaders/source.js';
import { Id, IsoDate } from './common.js';

/**
 * Shader entities of the Shaders studio (seed 000 §5, §8): what the API returns and accepts.
 * The host maps database rows to these at the edge; media are API paths, never file paths.
 */

export const ShaderType = z.enum(['2d', '3d', 'audio-reactive']);
export type ShaderType = z.infer<typeof ShaderType>;
export const ShaderStatus = z.enum(['draft', 'published', 'pending_review', 'rejected']);
export type ShaderStatus = z.infer<typeof ShaderStatus>;
export const RenderStatus = z.enum(['pending', 'rendering', 'ready', 'failed']);
export type RenderStatus = z.infer<typeof RenderStatus>;
export const TemperatureLabel = z.enum(['warm', 'cool', 'neutral', 'monochrome']);
export type TemperatureLabel = z.infer<typeof TemperatureLabel>;
export const Complexity = z.enum(['low', 'medium', 'high']);

const HexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'Colours are #rrggbb');
const Unit = z.number().min(0).max(1);

/** Human-readable style of a shader (seed §8), measured from its latest good render; null before one. */
export const StyleMetadata = z.object({
  /** 0 calm … 1 chaotic: edge density and high spatial-frequency energy of the frames. */
  chaos: Unit,
  /** -1 cool … +1 warm: warm vs cool mass of the hue histogram. */
  colorTemperature: z.number().min(-1).max(1),
  temperatureLabel: TemperatureLabel,
  /** 0 still … 1 restless: motion energy between frames. */
  motion: Unit,
  motionType: z.string().max(40).describe('static, slow, fluid, pulsing, chaotic, or what an author declared'),
  geometry: z.string().max(40).describe('raymarched_3d, fractal, radial, tunnel, organic, abstract_2d …'),
  complexity: Complexity,
  palette: z.array(HexColor).max(6),
});
export type StyleMetadata = z.infer<typeof StyleMetadata>;

/** What an author (or MCP client, or seed file) may declare; measured values win after a render. */
export const DeclaredStyle = z
  .object({
    chaos: Unit,
    colorTemperature: z.number().min(-1).max(1),
    temperatureLabel: TemperatureLabel,
    motion: Unit,
    motionType: z.string().min(1).max(40),
    geometry: z.string().min(1).max(40),
    complexity: Complexity,
    palette: z.array(HexColor).max(6),
  })
  .partial()
  .strict();
export type DeclaredStyle = z.infer<typeof DeclaredStyle>;

export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tags cannot be empty')
  .max(32, 'A tag is at most 32 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'Tags are letters, digits, spaces, - and _');
export const Tags = z
  .array(Tag)
  .max(10, 'At most 10 tags')
  .transform((t) => [...new Set(t)]);

export const UserRef = z.object({ id: Id, username: z.string() });
export type UserRef = z.infer<typeof UserRef>;

export const VoteValue = z.union([z.literal(1), z.literal(-1)]);
export const Votes = z.object({
  up: z.number().int().min(0),
  down: z.number().int().min(0),
  /** Cached hot score: Wilson lower bound (z = 1.96) × 1/(1 + age_hours/48). */
  hot: z.number(),
  /** Wilson lower bound without time decay ("top"). */
  wilson: z.number(),
  mine: z.union([VoteValue, z.literal(0)]),
});
export type Votes = z.infer<typeof Votes>;

/** Who and what made it (seed §7 provenance; renderer = the provider that rendered the thumbnail). */
export const ShaderProvenance = z.object({
  isAiGenerated: z.boolean(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  renderer: z.string().nullable(),
  via: z.enum(['app', 'mcp', 'seed', 'import', 'generate']),
  importedFrom: z
    .object({
      shadertoyId: z.string().nullable(),
      author: z.string().nullable(),
      /** Opened from a community relay item ("Open in editor" in the Community tab). */
      community: z.object({ relayUrl: z.string(), itemId: z.string(), author: z.string() }).optional(),
    })
    .nullable(),
});

/** Fields shared by list items, feed cards and the full shader. */
export const ShaderSummary = z.object({
  id: Id,
  title: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  shaderType: ShaderType,
  status: ShaderStatus,
  isPublic: z.boolean(),
  renderStatus: RenderStatus,
  /** API paths (under /api/v1) to fetch with the token; null until a render produced them. */
  thumbnailUrl: z.string().nullable(),
  previewUrl: z.string().nullable(),
  previewMp4Url: z.string().nullable(),
  style: StyleMetadata.nullable(),
  votes: Votes,
  viewCount: z.number().int(),
  author: UserRef.nullable(),
  forkedFrom: z.object({ id: Id, title: z.string().nullable().describe('null when the parent was deleted') }).nullable(),
  provenance: ShaderProvenance,
  createdAt: IsoDate,
  publishedAt: IsoDate.nullable(),
});
export type ShaderSummary = z.infer<typeof ShaderSummary>;

export const Shader = ShaderSummary.extend({
  source: ShaderSource,
  declaredStyle: DeclaredStyle.nullable(),
  renderError: z.string().nullable(),
  diagnostics: z.array(CompileDiagnostic),
  lastRenderJobId: z.string().nullable(),
  renderedAt: IsoDate.nullable(),
  forkCount: z.number().int(),
  commentCount: z.number().int(),
  fulfillsDesireId: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** Seed §11f: creator-economy stub, always open while it is not live. */
  accessTier: z.string(),
  updatedAt: IsoDate,
});
export type Shader = z.infer<typeof Shader>;

/** Why the feed placed a card where it did: the parts of the seed §8 ranking. */
export const FeedWhy = z.object({
  reason: z.enum(['similar', 'trending', 'new', 'exploring', 'resurfaced']),
  label: z.string().describe('e.g. "similar to Neon Rings that you upvoted (0.82)"'),
  similarity: z.number().nullable(),
  hot: z.number(),
  exploration: z.number(),
  total: z.number(),
  nearest: z.object({ id: Id, title: z.string() }).nullable(),
});
export type FeedWhy = z.infer<typeof FeedWhy>;

/** A feed item: what the player needs to play it live (source) or as video, plus the why. */
export const ShaderCard = ShaderSummary.extend({ source: ShaderSource, why: FeedWhy });
export type ShaderCard = z.infer<typeof ShaderCard>;

export const FeedPage = z.object({
  items: z.array(ShaderCard),
  nextCursor: z.string().nullable(),
  mode: z.enum(['personal', 'cold_start', 'trending', 'new']),
});
export type FeedPage = z.infer<typeof FeedPage>;

export const FeedQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type FeedQuery = z.infer<typeof FeedQuery>;

export const ShaderSort = z.enum(['trending', 'new', 'top', 'random', 'relevance']);
const BoolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Explore and search: text (FTS5), tag, type, sort; `mine` lists your drafts too. */
export const ShaderListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tag: Tag.optional(),
  sort: ShaderSort.optional().describe('Default: relevance when q is given, else trending'),
  shaderType: ShaderType.optional(),
  forkedFrom: Id.optional(),
  mine: BoolParam.optional(),
  status: ShaderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(512).optional(),
});
export type ShaderListQuery = z.infer<typeof ShaderListQuery>;

export const ShaderList = z.object({ items: z.array(ShaderSummary), nextCursor: z.string().nullable() });
export type ShaderList = z.infer<typeof ShaderList>;

const Title = z.string().trim().min(1, 'A title is required').max(120, 'A title is at most 120 characters');
const Description = z.string().trim().max(1000, 'A description is at most 1000 characters');
const GlslCode = z.string().min(1).max(64 * 1024);

const ShaderFields = z.object({
  title: Title,
  description: Description.nullable().optional(),
  tags: Tags.optional(),
  shaderType: ShaderType.optional(),
  /** Full multipass source, or … */
  source: ShaderSource.optional(),
  /** … a single-pass Shadertoy `mainImage` program (seed §12 `glsl_code`). */
  glslCode: GlslCode.optional(),
  style: DeclaredStyle.optional(),
  isPublic: z.boolean().optional(),
});

const oneSource = (b: { source?: unknown; glslCode?: unknown }) => !(b.source !== undefined && b.glslCode !== undefined);
const SOURCE_MSG = 'Send either source (multipass) or glslCode (single pass), not both';

export const CreateShaderBody = ShaderFields.extend({ fulfillsDesireId: Id.optional() })
  .strict()
  .refine(oneSource, SOURCE_MSG)
  .refine((b) => b.source !== undefined || b.glslCode !== undefined, 'The shader needs code: send source or glslCode');
export type CreateShaderBody = z.infer<typeof CreateShaderBody>;

export const UpdateShaderBody = ShaderFields.partial()
  .strict()
  .refine(oneSource, SOURCE_MSG)
  .refine((b) => Object.keys(b).length > 0, 'Nothing to update: send at least one field');
export type UpdateShaderBody = z.infer<typeof UpdateShaderBody>;

export const ForkShaderBody = z.object({ title: Title.optional() }).strict();

/** A Shadertoy export (`{ Shader: { info, renderpass } }`, the bare inner object, or its JSON text). */
export const ImportShaderBody = z
  .object({
    shadertoy: z.union([z.string().min(2).max(512 * 1024), z.record(z.string(), z.unknown())]),
    /** Extra tags added to those in the file. */
    tags: Tags.optional(),
  })
  .strict();
export type ImportShaderBody = z.infer<typeof ImportShaderBody>;

export const VoteBody = z.object({ value: VoteValue }).strict();
export const VoteResult = z.object({ shaderId: Id, votes: Votes });
export type VoteResult = z.infer<typeof VoteResult>;

export const DwellBody = z
  .object({
    shaderId: Id,
    seconds: z.number().min(0).max(24 * 3600, 'A dwell report is at most 24 h'),
    sessionId: z.string().max(100).optional(),
  })
  .strict();
export type DwellBody = z.infer<typeof DwellBody>;

/** What an engagement report did: ignored flick, skip, dwell tiers or replay, and the taste weight applied. */
export const EngagementResult = z.object({
  recorded: z.boolean(),
  signal: z.enum(['ignored', 'skip', 'dwell', 'dwell_10s', 'dwell_30s', 'replay']),
  weight: z.number().nullable(),
  tasteUpdated: z.boolean(),
});
export type EngagementResult = z.infer<typeof EngagementResult>;

export const Comment = z.object({
  id: Id,
  shaderId: Id,
  author: UserRef.nullable(),
  body: z.string(),
  parentId: z.string().nullable(),
  createdAt: IsoDate,
});
export type Comment = z.infer<typeof Comment>;
export const CommentList = z.object({ comments: z.array(Comment) });
export const CreateCommentBody = z
  .object({ body: z.string().trim().min(1, 'A comment cannot be empty').max(2000, 'A comment is at most 2000 characters'), parentId: Id.optional() })
  .strict();

export const TagCount = z.object({ tag: z.string(), count: z.number().int() });
export const TagList = z.object({ tags: z.array(TagCount) });

/** A save or publish refused because the code does not compile: diagnostics in the user's lines. */
export const CompileFailure = z.object({
  error: z.object({
    code: z.literal('compile_failed'),
    message: z.string(),
    details: z.object({ diagnostics: z.array(CompileDiagnostic) }),
  }),
});
