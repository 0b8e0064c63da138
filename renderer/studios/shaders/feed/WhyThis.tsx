import type { FeedWhy } from '../../../../shared/schemas/shaders.js';
import { InfoIcon } from '../ui/icons.js';

const REASON: Record<FeedWhy['reason'], string> = {
  similar: 'For you',
  trending: 'Trending',
  new: 'New',
  exploring: 'Exploring',
  resurfaced: 'Seen a while ago',
};

const n = (v: number | null): string => (v === null ? '—' : v.toFixed(2));

/** The feed's reason for this card, with the ranking parts on hover/focus. */
export function WhyThis({ why }: { why: FeedWhy }) {
  const detail = `similarity ${n(why.similarity)} · hot ${n(why.hot)} · exploration ${n(why.exploration)} · score ${n(why.total)}`;
  return (
    <p className="why-this" data-testid="why-this" data-reason={why.reason} title={detail} tabIndex={0}>
      <span className="why-reason">{REASON[why.reason]}</span>
      {why.label.toLowerCase() !== REASON[why.reason].toLowerCase() ? <span className="why-label">{why.label}</span> : null}
      <InfoIcon />
      <span className="why-detail" role="tooltip">
        {detail}
      </span>
    </p>
  );
}
