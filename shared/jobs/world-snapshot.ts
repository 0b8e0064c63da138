import { z } from 'zod';
import { MediaFileRef } from '../schemas/media-file.js';
import { defineJobKind } from './define.js';

const V3 = z.tuple([z.number(), z.number(), z.number()]).refine((v) => v.every(Number.isFinite), 'finite numbers only');
const Quat = z.tuple([z.number(), z.number(), z.number(), z.number()]).refine((v) => v.every(Number.isFinite), 'finite numbers only');
const Hex = z.string().regex(/^#[0-9a-f]{6}$/i);

export const WorldSnapshotItem = z.object({
  entityId: z.string().optional(),
  /** The GLB file to draw. The host resolves an entity's glbMediaId to it (MediaStore.absolutePath). */
  glbPath: z.string().min(1).nullable().optional(),
  /** Informational (the worker reads files, not the media table): named when its file is missing. */
  glbMediaId: z.string().nullable().optional(),
  /** Drawn when there is no GLB (or it cannot be read): a box of this size and colour, standing on the position. */
  placeholder: z.object({ scaleMeters: V3, color: Hex }).passthrough().nullable().optional(),
  /** World transform; with parentId, relative to that item's transform (prefab children). */
  transform: z.object({ position: V3, rotation: Quat, scale: V3 }),
  parentId: z.string().nullable().optional(),
});
export type WorldSnapshotItem = z.infer<typeof WorldSnapshotItem>;

export const WorldSnapshotInput = z.object({
  worldId: z.string().optional(),
  name: z.string().max(200).optional(),
  width: z.number().int().min(64).max(2048).default(768),
  height: z.number().int().min(64).max(2048).default(512),
  /** Omitted: framed to show every item. */
  camera: z.object({ position: V3, target: V3 }).optional(),
  background: Hex.default('#9fb8cf'),
  grid: z.boolean().default(true),
  items: z.array(WorldSnapshotItem).max(5000),
});
export type WorldSnapshotInput = z.input<typeof WorldSnapshotInput>;

export const WorldSnapshotOutput = z.object({
  image: MediaFileRef,
  width: z.number().int(),
  height: z.number().int(),
  camera: z.object({ position: V3, target: V3 }),
  /** Items drawn from their GLB, and as placeholder boxes. */
  drawn: z.object({ glb: z.number().int(), placeholder: z.number().int(), skipped: z.number().int() }),
  /** Why some items were not drawn as their asset (missing file, unreadable GLB). */
  warnings: z.array(z.string()),
});
export type WorldSnapshotOutput = z.infer<typeof WorldSnapshotOutput>;

export const worldSnapshot = defineJobKind({
  kind: 'world.snapshot',
  title: 'Render a world snapshot',
  description: 'Draws GLBs and placeholder boxes at their transforms, lit on a grid ground, from a camera (or framed automatically), with three.js in the shared headless Chromium (WebGL on SwiftShader without a GPU), to a PNG: asset thumbnails and the MCP world_snapshot.',
  resource: 'cpu',
  input: WorldSnapshotInput,
  output: WorldSnapshotOutput,
  maxAttempts: 2,
  timeoutMs: 2 * 60_000,
});
