/** Query keys of the LiveLoop page (channels, their guide windows, now playing, previews). */
export const liveloopKeys = {
  all: ['liveloop'] as const,
  channels: ['liveloop', 'channels'] as const,
  channel: (id: string) => ['liveloop', 'channel', id] as const,
  /** Everything computed from a channel's timeline: invalidated whenever the channel changes. */
  timeline: (id: string) => ['liveloop', 'timeline', id] as const,
  guide: (id: string, from: string, to: string) => ['liveloop', 'timeline', id, 'guide', from, to] as const,
  now: (id: string) => ['liveloop', 'timeline', id, 'now'] as const,
  preview: (id: string, at: string) => ['liveloop', 'timeline', id, 'preview', at] as const,
};
