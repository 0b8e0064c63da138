import { API_PREFIX } from '../../../../shared/routes.js';
import type { Channel } from '../../../../shared/schemas/video-liveloop.js';
import { liveloopService } from '../../video/liveloop/services.js';
import { videoServices } from '../../video/services.js';
import { jsonResult, registerTool } from '../tool-kit.js';
import type { ToolDeps } from './tool-deps.js';

const brief = (c: Channel) => ({
  channelId: c.id,
  name: c.name,
  isDefault: c.isDefault,
  liveMaster: `${API_PREFIX}${c.live.master}`,
  items: c.items.map((i) => ({ key: i.key, videoId: i.videoId, title: i.title, state: i.state, error: i.error, jobId: i.jobId, progress: i.progress, inPlaylist: c.playlist.includes(i.key) })),
});

/** LiveLoop tools: put a library video on a channel, and ask what a channel airs now (or at a time). */
export function registerVideoLiveloopTools(d: ToolDeps): void {
  const svc = () => liveloopService(d.core);

  registerTool(
    d.server,
    'liveloop_add',
    {
      title: 'Add a video to LiveLoop',
      description:
        "Puts a finished library video on a LiveLoop channel (the default one unless channel_id is given). It airs from the next item boundary; a video whose encoding does not match the channel's profile is normalised first by a video.normalize job (state 'normalizing' with its job id).",
    },
    d,
    async (args) => {
      const channel = await svc().addVideo(args.video_id, args.channel_id);
      // The library's "Add to LiveLoop" switch shows the default channel's membership.
      if (channel.isDefault) {
        const v = videoServices(d.core).reader.get(args.video_id);
        if (!v.addToLiveLoop) videoServices(d.core).pipeline.patch(v.id, { addToLiveLoop: true });
      }
      return jsonResult(brief(channel));
    },
  );

  registerTool(
    d.server,
    'liveloop_now_playing',
    { title: 'What is on LiveLoop now', description: 'The entry on air on a channel (the default one unless channel_id is given) at this moment or at `at`, how far into it, and what comes next; offAir when only the slate plays.' },
    d,
    async (args) => {
      const id = args.channel_id ?? svc().defaultChannel().id;
      return jsonResult(svc().nowPlaying(id, args.at) as unknown as Record<string, unknown>);
    },
  );
}
