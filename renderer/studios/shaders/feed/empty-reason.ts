import type { FeedStatus } from '../../../../shared/schemas/feed-status.js';
import { RENDERER_FAULT_CODES } from '../../../../shared/shaders/render-contract.js';

export type FeedEmptyKind = 'loading' | 'nothing' | 'drafts_only' | 'rendering' | 'failed' | 'hidden' | 'all_seen';

export interface FeedEmptyReason {
  kind: FeedEmptyKind;
  title: string;
  detail: string;
  /** A link that fixes or explains it, besides the usual "Generate / Editor / Explore". */
  action: { label: string; to: string } | null;
}

/** Render errors that blame the machine (no browser, WebGL would not start, busy), not the code: see render-hook.ts. */
const RENDERER_FAULT = new RegExp(`^The renderer could not run|^(${RENDERER_FAULT_CODES.join('|')}):`);

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Why an empty feed is empty, from the counts behind it (GET /feed/status), most actionable
 * first: renders still running beat failures, which beat hidden shaders, which beat "nothing".
 * `paths` keeps this pure (no router) so it can be unit-tested.
 */
export function feedEmptyReason(
  status: FeedStatus | undefined,
  paths: { jobs: string; edit: (id: string) => string; review: string; explore: string; doctor: string },
): FeedEmptyReason {
  if (!status) return { kind: 'loading', title: 'Nothing in the feed yet', detail: 'Checking why…', action: null };
  const { renders, eligible, seenRecently, published, hidden, drafts, lastFailure } = status;
  const busy = renders.pending + renders.rendering;
  const failedNote = renders.failed ? ` ${n(renders.failed, 'render')} failed.` : '';
  if (eligible > 0) {
    return {
      kind: 'all_seen',
      title: 'You have seen everything for now',
      detail: `All ${n(eligible, 'shader')} in the feed ${seenRecently >= eligible ? 'were seen by you in the last 30 days' : 'were shown in this session'}. Ask for something new, or make it.`,
      action: null,
    };
  }
  if (busy > 0) {
    return {
      kind: 'rendering',
      title: `${n(busy, 'shader')} ${busy === 1 ? 'is' : 'are'} rendering`,
      detail: `Shaders join the feed once their render is ready (${renders.rendering} rendering now, ${renders.pending} waiting).${failedNote} This page updates by itself.`,
      action: { label: 'Watch the jobs', to: paths.jobs },
    };
  }
  if (renders.failed > 0) {
    const title = `${n(renders.failed, 'render')} failed, so nothing is in the feed`;
    if (!lastFailure) return { kind: 'failed', title, detail: 'See the Jobs page for the reasons.', action: { label: 'See the jobs', to: paths.jobs } };
    const latest = `Latest: "${lastFailure.title}" — ${lastFailure.error ?? 'no reason recorded'}.`;
    // The machine, not the shader: editing the code would not help.
    return RENDERER_FAULT.test(lastFailure.error ?? '')
      ? { kind: 'failed', title, detail: `${latest} The renderer could not run on this machine; Settings → Doctor shows what is missing.`, action: { label: 'Open the Doctor', to: paths.doctor } }
      : { kind: 'failed', title, detail: `${latest} Fix the shader and save it to render again, or see the Jobs page.`, action: { label: `Open "${lastFailure.title}"`, to: paths.edit(lastFailure.shaderId) } };
  }
  if (hidden > 0) {
    return {
      kind: 'hidden',
      title: 'Everything is filtered out',
      detail: `${n(hidden, 'shader')} ${hidden === 1 ? 'is' : 'are'} private, waiting for review or rejected; the feed shows only public, published shaders.`,
      action: { label: 'Review submissions', to: paths.review },
    };
  }
  if (published === 0 && drafts > 0) {
    return {
      kind: 'drafts_only',
      title: 'Nothing published yet',
      detail: `You have ${n(drafts, 'draft')}; publish one from the editor and it joins the feed.`,
      action: { label: 'Find your drafts', to: paths.explore },
    };
  }
  return {
    kind: 'nothing',
    title: 'Nothing in the feed yet',
    detail: 'The library is empty. Generate a shader, write one in the editor, or ask for what you want to see.',
    action: null,
  };
}
