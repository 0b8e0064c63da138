import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ServerEvent } from '../../shared/events.js';
import { getConnection } from '../api/auth.js';
import { connectEvents, eventsUrl } from '../api/events.js';
import { useEventsStore } from '../api/eventsStore.js';
import { queryKeys } from '../api/keys.js';
import { upsertJob } from '../jobs/cache.js';
import { useJobLogStore } from '../jobs/logStore.js';
import { handleShaderEvent } from '../studios/shaders/api/live-events.js';
import { useGenerationStreams } from '../studios/shaders/generate/streamStore.js';
import { handleVideoEvent, handleVideoJob } from '../studios/video/api/live-events.js';
import { emitWorldEvent } from '../studios/world/live-events.js';

function handleEvent(qc: QueryClient, event: ServerEvent): void {
  emitWorldEvent(event);
  switch (event.type) {
    case 'hello':
      useEventsStore.getState().setServerVersion(event.version);
      return;
    case 'job.updated':
      upsertJob(qc, event.job);
      handleVideoJob(qc, event.job);
      return;
    case 'job.log':
      useJobLogStore.getState().append(event.jobId, { at: Date.now(), level: event.level, message: event.message });
      return;
    case 'job.stream':
      useGenerationStreams.getState().append(event.jobId, event.channel, event.offset, event.text);
      return;
    case 'domain':
      if (event.topic.startsWith('media.')) void qc.invalidateQueries({ queryKey: queryKeys.media.all });
      if (event.topic.startsWith('shader.') || event.topic.startsWith('desire.')) handleShaderEvent(qc, event.topic, event.id, event.data);
      if (event.topic.startsWith('video.')) handleVideoEvent(qc, event.topic, event.id);
      return;
  }
}

/** Owns the event-stream socket for the app's lifetime and feeds it into the query cache. */
export function LiveUpdates(): null {
  const qc = useQueryClient();
  useEffect(() => {
    const { apiBase, token } = getConnection();
    if (!token) return undefined;
    return connectEvents({
      url: eventsUrl(apiBase, token),
      onState: (state) => useEventsStore.getState().setState(state),
      onEvent: (event) => handleEvent(qc, event),
      // After a drop we may have missed updates: refetch what the stream would have patched.
      onOpen: (reconnected) => {
        if (reconnected) void qc.invalidateQueries({ queryKey: queryKeys.jobs.all });
      },
    });
  }, [qc]);
  return null;
}
