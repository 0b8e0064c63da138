import type { Job } from '../../../shared/schemas/jobs.js';
import { AppError } from '../errors.js';
import type { ShotsDeps } from './deps.js';
import { animaticInput, breakdownInput, payloadInput } from './job-inputs.js';
import { queueShotsJob, SHOTS_KINDS } from './job-queue.js';
import type { ShotsServices } from './services.js';
import { veoSubmitInput } from './veo-submit.js';

/** The pipeline's jobs as the routes and MCP tools start them (one place for their state changes). */
export class ShotsPipeline {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly svc: ShotsServices,
  ) {}

  breakdown(sceneId: string): Job {
    const job = queueShotsJob(this.deps, SHOTS_KINDS.breakdown, breakdownInput(this.svc.reader, sceneId));
    this.svc.scenes.setBreakdownJob(sceneId, job.id);
    return job;
  }

  animatic(sceneId: string): Job {
    return queueShotsJob(this.deps, SHOTS_KINDS.animatic, animaticInput(this.svc.reader, sceneId));
  }

  /** POST /shots/:id/generate-flow: refused while one is already running for the shot. */
  payload(shotId: string): Job {
    const { shot } = this.svc.reader.shot(shotId);
    if (shot.status === 'generating_json' && shot.payloadJobId) {
      const running = this.deps.jobs.get(shot.payloadJobId);
      if (running.status === 'queued' || running.status === 'running') throw new AppError(409, 'already_generating', `A payload for this shot is already being generated (job ${running.id})`);
    }
    const job = queueShotsJob(this.deps, SHOTS_KINDS.payload, payloadInput(this.deps, this.svc.reader, shotId));
    this.svc.shots.setPayloadState(shotId, { status: 'generating_json', payloadJobId: job.id, lastError: null });
    return job;
  }

  /** POST /shots/:id/veo: refused (nothing queued) without a payload or a Gemini key. */
  async veo(shotId: string): Promise<Job> {
    return queueShotsJob(this.deps, SHOTS_KINDS.veo, await veoSubmitInput(this.deps, this.svc.reader, shotId));
  }
}
