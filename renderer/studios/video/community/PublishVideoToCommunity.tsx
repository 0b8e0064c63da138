import type { Video } from '../../../../shared/schemas/video.js';
import { RELAY_UPLOAD_LIMITS } from '../../../../shared/schemas/relay-community.js';
import { CommunityPublishButton } from '../../../community/PublishButton.js';

const MB = 1024 * 1024;

/**
 * "Publish to community" on a finished library video: its manifest, thumbnail and a preview.
 * A final MP4 over the relay's preview limit is sent as a shortened clip, and this says so first.
 */
export function PublishVideoToCommunity({ video }: { video: Video }) {
  if (!video.inLibrary || !video.final) return null;
  const tooBig = video.final.bytes > RELAY_UPLOAD_LIMITS.previewBytes;
  const hint = tooBig
    ? `The final MP4 is ${Math.round(video.final.bytes / MB)} MB, over the relay's ${RELAY_UPLOAD_LIMITS.previewBytes / MB} MB limit: the preview will be a 30 s 480p clip made from it.`
    : null;
  return <CommunityPublishButton kind="video" id={video.id} what="video" hint={hint} />;
}
