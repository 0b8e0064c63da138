import type { ProjectBoard } from '../../../../shared/schemas/shots.js';
import { shotsServices } from '../../shots/services.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import { jobSummary } from './job-tools.js';
import type { ToolDeps } from './tool-deps.js';

/** What an agent needs of a board: scenes → shots with slots and payload state, and the warnings. */
function boardBrief(b: ProjectBoard): Record<string, unknown> {
  const names = new Map(b.ingredients.map((i) => [i.id, `${i.type}: ${i.name}`]));
  return {
    project: b.project,
    scenes: b.scenes.map((s) => ({
      sceneId: s.id,
      order: s.order,
      slugline: s.slugline,
      breakdownJobId: s.breakdownJobId,
      shots: s.shots.map((x) => ({
        shotId: x.id,
        order: x.order,
        description: x.description,
        duration: x.duration,
        shotType: x.shotType,
        camera: x.camera,
        characters: x.characters,
        source: x.source,
        status: x.status,
        lastError: x.lastError,
        slots: x.slots.map((id, i) => ({ slot: i + 1, ingredientId: id, ingredient: id ? (names.get(id) ?? null) : null })),
        hasPayload: x.veoPayload !== null,
        payloadSource: x.payloadSource,
      })),
    })),
    ingredients: b.ingredients.map((i) => ({ ingredientId: i.id, type: i.type, name: i.name, kind: i.kind, caption: i.metadata.caption ?? null, vision: i.metadata.vision.status })),
    warnings: b.warnings,
  };
}

/** Shots studio tools: import a screenplay, read projects and boards, queue a Veo 3.1 payload. */
export function registerShotsTools(d: ToolDeps): void {
  const svc = () => shotsServices(d.core);

  registerTool(
    d.server,
    'shots_import_script',
    { title: 'Import a screenplay', description: 'Parse a Fountain or Final Draft screenplay into scenes of a Shots project (a new one unless project_id is given) and queue a shot breakdown per scene.' },
    d,
    async (args) => {
      const s = svc();
      let projectId = args.project_id;
      if (!projectId) {
        const parsed = s.scripts.parse({ text: args.text, fileName: args.file_name, mode: 'append', breakdown: false });
        projectId = s.projects.create({ name: args.project_name ?? parsed.title ?? 'Imported screenplay', resolution: '1080p', aspectRatio: '16:9', veoVersion: '3.1' }).id;
      }
      const r = s.scripts.run({ text: args.text, fileName: args.file_name, projectId, mode: args.mode, breakdown: args.breakdown });
      return jsonResult({
        projectId,
        title: r.title,
        format: r.format,
        scenes: r.createdSceneIds.map((id, i) => ({ sceneId: id, slugline: r.scenes[i]!.slugline, characters: r.scenes[i]!.characters })),
        breakdownJobIds: r.breakdownJobIds,
        next: r.breakdownJobIds.length ? 'Follow the breakdown jobs with get_job, then shots_list to see the shots' : 'Call shots_list to see the scenes',
      });
    },
  );

  registerTool(
    d.server,
    'shots_list',
    { title: 'List Shots projects or one board', description: 'Without project_id: the Shots projects. With it: scenes, shots (description, duration, type, camera, reference slots, payload state) and continuity warnings.' },
    d,
    async (args) => {
      if (!args.project_id) return jsonResult({ projects: svc().projects.list() });
      return jsonResult(boardBrief(svc().projects.board(args.project_id)));
    },
  );

  registerTool(
    d.server,
    'shots_generate_payload',
    { title: 'Generate a Veo 3.1 payload', description: "Queue the Veo 3.1 request of a shot from its description and reference slots (LLM at low temperature, offline template without one). The shot's status is generating_json until the job ends." },
    d,
    async (args) => {
      const job = svc().pipeline.payload(args.shot_id);
      return jsonResult({ shotId: args.shot_id, job: jobSummary(job) });
    },
  );
}
