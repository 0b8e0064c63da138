import type { CommunityPublishInput, CommunityPublishOutput } from '../../shared/jobs/community-publish.js';
import type { TaskHandler } from '../task-context.js';

/** Nothing to compute here: the upload needs the relay tokens, which stay in the host (its onSucceeded hook uploads). */
export const communityPublishTask: TaskHandler<CommunityPublishInput, CommunityPublishOutput> = async (input, ctx) => {
  ctx.progress(1, 'Handing the shader to the host for upload');
  return { shaderId: input.shaderId };
};
