import { CommunityPublishButton } from '../../../community/PublishButton.js';

/** "Publish to community" on a shader's detail page (the shared button; the job uploads GLSL, thumbnail and preview). */
export function PublishToCommunity({ shaderId }: { shaderId: string }) {
  return <CommunityPublishButton kind="shader" id={shaderId} what="shader" />;
}
