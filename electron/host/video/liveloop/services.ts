import type { VideoDeps } from '../deps.js';
import { ChannelService } from './channel-service.js';

const byCore = new WeakMap<object, ChannelService>();

/** One ChannelService per core (host or `auteur mcp`), made on first use; its timeline cache lives with it. */
export function liveloopService(core: VideoDeps): ChannelService {
  let s = byCore.get(core.database);
  if (!s) byCore.set(core.database, (s = new ChannelService(core)));
  return s;
}
