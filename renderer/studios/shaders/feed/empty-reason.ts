import type { FeedStatus } from '../../../../shared/schemas/feed-status.js';

export type FeedEmptyKind = 'loading' | 'nothing' | 'drafts_only' | 'rendering' | 'failed' | 'hidden' | 'all_seen';

export interface FeedEmptyReason {
  kind: FeedEmptyKind;
  title: string;
  detail: string;
  /** A link that fixes or explains it, besides the usual "Generate / Editor / Explore". */
  action: { label: string; to: string } | null;
}

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Why an empty feed is empty, from the counts behind it (GET /feed/status), most actionable
 * first: renders still running beat failures, which beat hidden shaders, which beat "nothing".
 * `paths` keeps this pure (no router) so it can be unit-tested.
 */
export function feedEmptyReason(
  status: FeedStatus | undefined,
  paths: { jobs: string; edit: (id: string) => string; review: string; explore: string },
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
    return {
      kind: 'failed',
      title: `${n(renders.failed, 'render')} failed, so nothing is in the feed`,
      detail: lastFailure
        ? `Latest: "${lastFailure.title}" — ${lastFailure.error ?? 'no reason recorded'}. Fix the shader and save it to render again, or see the Jobs page.`
        : 'See the Jobs page for the reasons.',
      action: lastFailure ? { label: `Open "${lastFailure.title}"`, to: paths.edit(lastFailure.shaderId) } : { label: 'See the jobs', to: paths.jobs },
    };
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
