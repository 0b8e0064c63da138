import { z } from 'zod';
import type { ParseScriptBody, ParseScriptResult } from '../../../shared/schemas/shots.js';
import { parseScreenplay } from '../../../shared/shots/parse-script.js';
import { ScriptParseError, type ParsedScene, type ParsedScreenplay } from '../../../shared/shots/screenplay.js';
import { sceneToFountain } from '../../../shared/shots/to-fountain.js';
import { AppError } from '../errors.js';
import type { ShotsDeps } from './deps.js';
import { breakdownInput } from './job-inputs.js';
import { kindAvailable, queueShotsJob, SHOTS_KINDS } from './job-queue.js';
import type { ShotsReader } from './rows.js';
import type { SceneService } from './scene-service.js';

/** Speaking characters of a scene, in order of first line. */
export function sceneCharacters(scene: ParsedScene): string[] {
  const seen = new Set<string>();
  for (const el of scene.elements) if (el.type === 'dialogue') seen.add(el.character);
  return [...seen];
}

/**
 * POST /scripts/parse and MCP shots_import_script: the screenplay parser (shared/shots) turns
 * the file into scenes; with a project they are stored (replace soft-deletes the old ones, so
 * it can be undone) and a shots.breakdown job is queued per scene.
 */
export class ScriptImportService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
    private readonly scenes: SceneService,
  ) {}

  parse(body: z.infer<typeof ParseScriptBody>): ParsedScreenplay {
    let parsed: ParsedScreenplay;
    try {
      const input = body.base64 !== undefined ? Buffer.from(body.base64, 'base64') : body.text!;
      parsed = parseScreenplay(input, body.fileName ? { fileName: body.fileName } : {});
    } catch (err) {
      if (err instanceof ScriptParseError) throw new AppError(err.code === 'too_large' ? 413 : 422, `script_${err.code}`, err.message);
      throw err;
    }
    return parsed;
  }

  run(body: z.infer<typeof ParseScriptBody>): ParseScriptResult {
    if (body.projectId) this.reader.project(body.projectId);
    const parsed = this.parse(body);
    const scenes = parsed.scenes.map((s) => ({ slugline: s.slugline, rawContent: sceneToFountain(s), characters: sceneCharacters(s) }));
    const result: ParseScriptResult = { title: parsed.title, format: parsed.format, scenes, document: parsed, createdSceneIds: [], breakdownJobIds: [] };
    const projectId = body.projectId;
    if (!projectId) return result;
    // One transaction: an import whose breakdown queueing fails leaves nothing (no scenes a retry
    // would duplicate, no replaced scenes deleted). Runners wake on setImmediate, after it ends.
    this.deps.database.sqlite.transaction(() => {
      if (body.mode === 'replace') for (const old of this.reader.liveScenes(projectId)) this.scenes.delete(old.id);
      result.createdSceneIds = this.scenes.createMany(projectId, scenes);
      if (body.breakdown && kindAvailable(SHOTS_KINDS.breakdown)) {
        for (const id of result.createdSceneIds) {
          const job = queueShotsJob(this.deps, SHOTS_KINDS.breakdown, breakdownInput(this.reader, id));
          this.scenes.setBreakdownJob(id, job.id);
          result.breakdownJobIds.push(job.id);
        }
      }
    })();
    return result;
  }
}
