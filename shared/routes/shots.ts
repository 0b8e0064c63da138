import { z } from 'zod';
import { Id } from '../schemas/common.js';
import { Job } from '../schemas/jobs.js';
import {
  AssignSlotBody,
  CreateProjectBody,
  CreateSceneBody,
  CreateShotBody,
  DeleteIngredientQuery,
  Deleted,
  Ingredient,
  IngredientList,
  IngredientListQuery,
  ParseScriptBody,
  ParseScriptResult,
  Project,
  ProjectBoard,
  ReorderBody,
  Scene,
  ShotProjectList,
  ShotWithWarnings,
  SlotNumber,
  UpdateIngredientBody,
  UpdateProjectBody,
  UpdateSceneBody,
  UpdateShotBody,
} from '../schemas/shots.js';
import { IdParams } from './core.js';
import type { RouteSpec } from './route-spec.js';

const S = { tag: 'shots', auth: 'token' } as const;
const SlotParams = z.object({ id: Id, slot: SlotNumber });
const ZIP = 'application/zip';

/**
 * Shots studio (seed 003): projects → scenes → shots, the ingredient library, reference slots,
 * script import, Veo 3.1 payloads and exports. The seed's own endpoints keep their paths
 * (/assets/upload, /scripts/parse, /shots/:id/generate-flow). The /shots/projects|scenes|ingredients
 * routes come before /shots/:id so those words are never taken for shot ids.
 */
export const SHOTS_ROUTES = {
  // Seed endpoints.
  'assets.upload': {
    ...S, method: 'post', path: '/assets/upload',
    summary: 'Upload a reference (multipart/form-data: projectId, type Character|Location|Object|Style, optional name, then the file part last). PNG/JPEG/WebP images or short MP4/WebM videos, checked by magic bytes; 413 over the size limit (nothing stored), 415 for other bytes, 400 for an empty file',
    headers: { 'Content-Type': 'multipart/form-data; boundary=…' },
    response: Ingredient, status: 201,
  },
  'scripts.parse': {
    ...S, method: 'post', path: '/scripts/parse',
    summary: 'Parse a screenplay (.fountain/.txt/.fdx, text or base64 bytes); with projectId its scenes are created and a shots.breakdown job queued per scene',
    body: ParseScriptBody, response: ParseScriptResult,
  },
  // Projects.
  'shots.projects.list': { ...S, method: 'get', path: '/shots/projects', summary: 'Shots projects, most recently updated first', response: ShotProjectList },
  'shots.projects.create': { ...S, method: 'post', path: '/shots/projects', summary: 'Create a project', body: CreateProjectBody, response: Project, status: 201 },
  'shots.projects.get': { ...S, method: 'get', path: '/shots/projects/:id', summary: 'A project with its scenes, shots, ingredients and continuity warnings', params: IdParams, response: ProjectBoard },
  'shots.projects.update': { ...S, method: 'patch', path: '/shots/projects/:id', summary: 'Rename a project or change its resolution / aspect ratio', params: IdParams, body: UpdateProjectBody, response: Project },
  'shots.projects.delete': { ...S, method: 'delete', path: '/shots/projects/:id', summary: 'Delete a project (restorable: see restorePath)', params: IdParams, response: Deleted },
  'shots.projects.restore': { ...S, method: 'post', path: '/shots/projects/:id/restore', summary: 'Undo the deletion of a project', params: IdParams, response: Project },
  'shots.projects.export': {
    ...S, method: 'get', path: '/shots/projects/:id/export', summary: 'The whole project as a zip: project.json (scenes, shots, Veo payloads) and the reference images',
    params: IdParams, response: z.unknown(), produces: ZIP,
  },
  'shots.projects.reorderScenes': { ...S, method: 'post', path: '/shots/projects/:id/scenes/reorder', summary: 'Reorder the scenes of a project (every scene id, in order)', params: IdParams, body: ReorderBody, response: ProjectBoard },
  'shots.projects.createScene': { ...S, method: 'post', path: '/shots/projects/:id/scenes', summary: 'Add a scene (at the end unless order is given)', params: IdParams, body: CreateSceneBody, response: Scene, status: 201 },
  'shots.projects.ingredients': { ...S, method: 'get', path: '/shots/projects/:id/ingredients', summary: 'The ingredient library of a project, filtered by type and searched by name, caption and tags', params: IdParams, query: IngredientListQuery, response: IngredientList },
  // Scenes.
  'shots.scenes.update': { ...S, method: 'patch', path: '/shots/scenes/:id', summary: 'Edit a scene slugline or text', params: IdParams, body: UpdateSceneBody, response: Scene },
  'shots.scenes.delete': { ...S, method: 'delete', path: '/shots/scenes/:id', summary: 'Delete a scene and its shots (restorable)', params: IdParams, response: Deleted },
  'shots.scenes.restore': { ...S, method: 'post', path: '/shots/scenes/:id/restore', summary: 'Undo the deletion of a scene', params: IdParams, response: Scene },
  'shots.scenes.createShot': { ...S, method: 'post', path: '/shots/scenes/:id/shots', summary: 'Add a shot to a scene (at the end unless order is given)', params: IdParams, body: CreateShotBody, response: ShotWithWarnings, status: 201 },
  'shots.scenes.reorderShots': { ...S, method: 'post', path: '/shots/scenes/:id/shots/reorder', summary: 'Reorder the shots of a scene (every shot id, in order)', params: IdParams, body: ReorderBody, response: ProjectBoard },
  'shots.scenes.breakdown': { ...S, method: 'post', path: '/shots/scenes/:id/breakdown', summary: 'Queue the shot breakdown of a scene (LLM Script Supervisor, heuristic offline)', params: IdParams, response: Job, status: 202 },
  'shots.scenes.animatic': { ...S, method: 'post', path: '/shots/scenes/:id/animatic', summary: "Queue an animatic MP4 of the scene's shots", params: IdParams, response: Job, status: 202 },
  'shots.scenes.export': { ...S, method: 'get', path: '/shots/scenes/:id/export', summary: 'One scene as a zip: scene.json and its reference images', params: IdParams, response: z.unknown(), produces: ZIP },
  // Ingredients.
  'shots.ingredients.get': { ...S, method: 'get', path: '/shots/ingredients/:id', summary: 'One ingredient with the shots that use it', params: IdParams, response: Ingredient },
  'shots.ingredients.update': { ...S, method: 'patch', path: '/shots/ingredients/:id', summary: 'Rename or retype an ingredient', params: IdParams, body: UpdateIngredientBody, response: Ingredient },
  'shots.ingredients.delete': {
    ...S, method: 'delete', path: '/shots/ingredients/:id', summary: 'Delete an ingredient (409 naming the shots using it unless confirm=true, which clears those slots; restorable)',
    params: IdParams, query: DeleteIngredientQuery, response: Deleted,
  },
  'shots.ingredients.restore': { ...S, method: 'post', path: '/shots/ingredients/:id/restore', summary: 'Undo the deletion of an ingredient (its cleared slots are refilled where still empty)', params: IdParams, response: Ingredient },
  // Shots.
  'shots.get': { ...S, method: 'get', path: '/shots/:id', summary: 'One shot with the continuity warnings of its scene', params: IdParams, response: ShotWithWarnings },
  'shots.update': { ...S, method: 'patch', path: '/shots/:id', summary: 'Edit a shot (description, duration, type, camera, characters, Veo payload, scene)', params: IdParams, body: UpdateShotBody, response: ShotWithWarnings },
  'shots.delete': { ...S, method: 'delete', path: '/shots/:id', summary: 'Delete a shot (restorable)', params: IdParams, response: Deleted },
  'shots.restore': { ...S, method: 'post', path: '/shots/:id/restore', summary: 'Undo the deletion of a shot', params: IdParams, response: ShotWithWarnings },
  'shots.slots.assign': { ...S, method: 'put', path: '/shots/:id/slots/:slot', summary: 'Put an ingredient of the same project into reference slot 1–3', params: SlotParams, body: AssignSlotBody, response: ShotWithWarnings },
  'shots.slots.clear': { ...S, method: 'delete', path: '/shots/:id/slots/:slot', summary: 'Empty reference slot 1–3', params: SlotParams, response: ShotWithWarnings },
  'shots.generateFlow': { ...S, method: 'post', path: '/shots/:id/generate-flow', summary: 'Queue the Veo 3.1 payload generation of a shot (status generating_json, then ready)', params: IdParams, response: Job, status: 202 },
  'shots.veoSubmit': { ...S, method: 'post', path: '/shots/:id/veo', summary: "Submit the shot's payload to Veo 3.1 (needs a Gemini API key) and poll the operation", params: IdParams, response: Job, status: 202 },
  'shots.export': { ...S, method: 'get', path: '/shots/:id/export', summary: 'One shot as a zip: shot.json (with its Veo payload) and its reference images', params: IdParams, response: z.unknown(), produces: ZIP },
} as const satisfies Record<string, RouteSpec>;
