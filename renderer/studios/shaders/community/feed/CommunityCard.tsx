import type { CommunityItem } from '../../../../../shared/schemas/community-feed.js';
import { useAuthedMedia } from '../../../../api/authed-media.js';
import { formatDateTime } from '../../../../components/format.js';
import { studioPaths } from '../../nav.js';
import { StudioLink } from '../../ui/StudioLink.js';

const KIND_LABEL: Record<CommunityItem['kind'], string> = { shader: 'Shader', video: 'Video', prefab: 'Prefab' };

/** The thumbnail through the host (the page never loads from the relay), or a plain placeholder. */
export function CommunityThumb({ item, className }: { item: CommunityItem; className: string }) {
  const thumb = useAuthedMedia(item.thumbnailUrl);
  if (thumb.url) return <img className={className} src={thumb.url} alt={`Thumbnail of ${item.title}`} data-testid="community-thumb" />;
  return (
    <div className={`${className} community-thumb-empty`} aria-hidden="true">
      {thumb.loading ? '' : thumb.error ? 'thumbnail unavailable' : 'no thumbnail'}
    </div>
  );
}

/** One published item: thumbnail, title, author, votes and comment count; opens the item view. */
export function CommunityCard({ item }: { item: CommunityItem }) {
  const to = studioPaths.communityItem(item.id);
  return (
    <li className="tile community-card" data-testid="community-card" data-item-id={item.id}>
      <StudioLink to={to} className="tile-link" aria-label={`${item.title} by ${item.author.username}`}>
        <div className="tile-media">
          <CommunityThumb item={item} className="community-thumb" />
          <span className="chip community-kind">{KIND_LABEL[item.kind]}</span>
        </div>
      </StudioLink>
      <div className="tile-body">
        <div className="tile-head">
          <h3 className="tile-title" title={item.title}>
            <StudioLink to={to} data-testid="community-card-title">
              {item.title}
            </StudioLink>
          </h3>
          <span className="tile-votes" data-testid="community-card-votes" title={`${item.upvotes} up, ${item.downvotes} down`}>
            ▲ {item.upvotes - item.downvotes}
          </span>
        </div>
        <p className="tile-author muted small">
          by <span data-testid="community-card-author">{item.author.username}</span> · {formatDateTime(item.createdAt)} ·{' '}
          <span data-testid="community-card-comments">
            {item.commentCount} comment{item.commentCount === 1 ? '' : 's'}
          </span>
        </p>
      </div>
    </li>
  );
}
