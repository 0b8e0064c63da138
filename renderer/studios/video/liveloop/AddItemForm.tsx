import { useState } from 'react';
import type { Channel } from '../../../../shared/schemas/video-liveloop.js';
import { errorMessage } from '../../../api/errors.js';
import { useVideos } from '../api/hooks.js';
import { useAddChannelItem } from '../api/liveloop-hooks.js';

/** Add a finished library video to this channel: to the playlist, or only as a filler/interstitial/block member. */
export function AddItemForm({ channel }: { channel: Channel }) {
  const videos = useVideos({ sort: 'created', order: 'desc', scope: 'library' });
  const add = useAddChannelItem(channel.id);
  const [videoId, setVideoId] = useState('');
  const [inPlaylist, setInPlaylist] = useState(true);
  const list = videos.data?.videos ?? [];
  const onAir = new Set(channel.items.map((i) => i.videoId));
  return (
    <form
      className="ll-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (videoId) add.mutate({ videoId, inPlaylist }, { onSuccess: () => setVideoId('') });
      }}
    >
      <label className="vfield">
        <span>Add a library video</span>
        <select value={videoId} onChange={(e) => setVideoId(e.target.value)} data-testid="liveloop-add-video" disabled={!list.length}>
          <option value="">{videos.isLoading ? 'Loading the library…' : list.length ? 'Choose a video…' : 'The library has no finished videos yet'}</option>
          {list.map((v) => (
            <option key={v.id} value={v.id}>
              {v.title}
              {onAir.has(v.id) ? ' (already on this channel)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="vcheck">
        <input type="checkbox" checked={inPlaylist} onChange={(e) => setInPlaylist(e.target.checked)} />
        <span>In the playlist (off: only for fillers, interstitials, blocks)</span>
      </label>
      <button type="submit" className="btn btn-secondary" disabled={!videoId || add.isPending} data-testid="liveloop-add">
        {add.isPending ? 'Adding…' : 'Add'}
      </button>
      {add.error ? (
        <p className="vfield-error" role="alert">
          {errorMessage(add.error)}
        </p>
      ) : null}
    </form>
  );
}
