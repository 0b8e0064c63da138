import type { Ingredient } from '../../../../shared/schemas/shots.js';
import { useAuthedMedia } from '../../../api/authed-media.js';

/** An ingredient's 200 px thumbnail, fetched with the token (img tags cannot send it). */
export function Thumb({ ingredient, size = 'md' }: { ingredient: Ingredient; size?: 'sm' | 'md' }) {
  const mediaId = ingredient.thumbnailMediaId ?? ingredient.posterMediaId ?? (ingredient.kind === 'image' ? ingredient.mediaId : null);
  const media = useAuthedMedia(mediaId ? `/media/${mediaId}/file` : null);
  return (
    <span className={`shots-thumb shots-thumb-${size}`} data-type={ingredient.type}>
      {media.url ? <img src={media.url} alt={ingredient.name} draggable={false} /> : <span className="shots-thumb-none">{media.error ? '!' : ingredient.type[0]}</span>}
    </span>
  );
}
