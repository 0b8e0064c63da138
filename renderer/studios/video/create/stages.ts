import { VIDEO_STAGES, type Video } from '../../../../shared/schemas/video.js';

export type StageName = (typeof VIDEO_STAGES)[number];
export type StageState = 'pending' | 'active' | 'done' | 'failed' | 'skipped';

export const STAGE_LABELS: Record<StageName, string> = {
  generating_script: 'Script',
  rendering_preview: 'Preview',
  rendering_final: 'Final render',
  composing: 'Composing',
};

export interface StageView {
  stage: StageName;
  label: string;
  state: StageState;
  /** 0–1 */
  progress: number;
}

/**
 * One bar per pipeline stage from the Video row: stages before the current one are done, the
 * current one carries the row's progress, a failure marks the stage it names. A video made
 * without "preview first" shows its preview stage as skipped.
 */
export function stageViews(video: Pick<Video, 'status' | 'progress' | 'error' | 'producePreview' | 'preview'>): StageView[] {
  const current = VIDEO_STAGES.indexOf(video.status as StageName);
  const failedAt = video.status === 'failed' && video.error ? VIDEO_STAGES.indexOf(video.error.stage as StageName) : -1;
  return VIDEO_STAGES.map((stage, i) => {
    const skipped = stage === 'rendering_preview' && !video.producePreview && !video.preview;
    let state: StageState;
    let progress = 0;
    if (skipped) state = 'skipped';
    else if (video.status === 'completed') state = 'done';
    else if (video.status === 'queued') state = 'pending';
    else if (video.status === 'failed') state = failedAt < 0 ? 'pending' : i < failedAt ? 'done' : i === failedAt ? 'failed' : 'pending';
    else state = i < current ? 'done' : i === current ? 'active' : 'pending';
    if (state === 'done') progress = 1;
    if (state === 'active') progress = Math.min(1, Math.max(0, video.progress));
    return { stage, label: STAGE_LABELS[stage], state, progress };
  });
}
