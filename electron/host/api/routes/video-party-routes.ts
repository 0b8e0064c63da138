import { AppError } from '../../errors.js';
import type { HostContext } from '../../host-context.js';
import { partyServices } from '../../video/party/party-services.js';
import { videoServices } from '../../video/services.js';
import type { RouteHandlers } from '../mount-routes.js';

/** Watch party routes (shared/routes/video-party.ts). */
export function videoPartyRoutes(ctx: HostContext): RouteHandlers {
  const svc = partyServices(ctx);
  const videos = videoServices(ctx);
  return {
    'parties.create': ({ body }) => {
      let title = body.title;
      if (body.target.kind === 'video') {
        const v = videos.reader.get(body.target.videoId);
        if (!v.hlsMasterMediaId) throw new AppError(409, 'video_not_ready', `"${v.title}" has no HLS stream yet; parties play a finished video`);
        title ??= v.title;
      } else if (!svc.source.channelLive) {
        throw new AppError(409, 'channels_unavailable', 'Channel parties need the LiveLoop live stream, which this host does not serve yet');
      }
      return svc.parties.create({ target: body.target, title: title ?? 'Watch party', inviteTtlMinutes: body.inviteTtlMinutes });
    },
    'parties.list': () => ({ parties: svc.parties.list() }),
    'parties.get': ({ params }) => svc.parties.get(params.id),
    'parties.join': ({ params }) => svc.joinInfo(params.id),
    'parties.invite.new': ({ params, body }) => svc.parties.newInvite(params.id, body.inviteTtlMinutes),
    'parties.invite.revoke': ({ params }) => svc.parties.revokeInvite(params.id),
    'parties.close': ({ params }) => svc.parties.close(params.id),
  };
}
