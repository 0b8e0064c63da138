import type { Shader } from '../../../../shared/schemas/shaders.js';
import { useAuthedMedia } from '../../../api/authed-media.js';

/** The renderer's preview clip (webm), loaded with the token as a blob. */
export function PreviewVideo({ shader }: { shader: Shader }) {
  const media = useAuthedMedia(shader.previewUrl);
  if (!shader.previewUrl) {
    // A shipped seed is ready from its precomputed thumbnail and stats, without a clip.
    const why =
      shader.renderStatus === 'failed'
        ? 'The render failed, so there is no preview clip.'
        : shader.renderStatus === 'ready'
          ? 'No preview clip was made for this shader (it came ready with the app); it plays live above.'
          : 'The preview clip appears once the render has finished.';
    return <p className="muted" data-testid="preview-video-missing">{why}</p>;
  }
  if (media.error) return <p className="field-error">Could not load the preview clip: {media.error}</p>;
  if (!media.url) return <p className="muted">Loading the preview clip…</p>;
  return <video className="detail-video" data-testid="preview-video" src={media.url} controls loop muted autoPlay playsInline />;
}
