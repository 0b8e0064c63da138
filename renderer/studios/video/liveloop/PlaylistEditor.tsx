import { useEffect, useState, type KeyboardEvent } from 'react';
import type { Channel, ChannelItem } from '../../../../shared/schemas/video-liveloop.js';
import { errorMessage } from '../../../api/errors.js';
import { useRemoveChannelItem, useReorderPlaylist, useUpdateChannel } from '../api/liveloop-hooks.js';
import { clock } from '../player/PlayerControls.js';
import { AddItemForm } from './AddItemForm.js';
import { ItemState } from './ItemState.js';
import { moveKey } from './playlist-order.js';

function Row(props: {
  item: ChannelItem;
  index: number;
  count: number;
  channelId: string;
  dragging: boolean;
  move: (to: number) => void;
  remove: () => void;
  removing: boolean;
  onDragStart: () => void;
  onDragOver: () => void;
  onDragEnd: () => void;
}) {
  const { item, index, count, channelId, move } = props;
  const onKey = (e: KeyboardEvent<HTMLLIElement>): void => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(index + (e.key === 'ArrowUp' ? -1 : 1));
  };
  return (
    <li
      className="ll-row"
      draggable
      data-dragging={props.dragging || undefined}
      data-testid="liveloop-playlist-item"
      data-item-key={item.key}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', item.key);
        props.onDragStart();
      }}
      onDragOver={(e) => {
        e.preventDefault();
        props.onDragOver();
      }}
      onDragEnd={props.onDragEnd}
      onDrop={(e) => e.preventDefault()}
      onKeyDown={onKey}
    >
      <span className="ll-grip" aria-hidden="true" title="Drag to reorder">
        ⋮⋮
      </span>
      <span className="ll-row-pos mono small">{index + 1}</span>
      <div className="ll-row-main">
        <span className="ll-row-title">{item.title}</span>
        <span className="small muted mono">{clock(item.durationMs / 1000)}</span>
        <ItemState channelId={channelId} item={item} />
      </div>
      <div className="ll-row-actions">
        <button type="button" className="vp-btn" onClick={() => move(index - 1)} disabled={index === 0} aria-label={`Move ${item.title} up`} title="Move up (Alt+↑)">
          ↑
        </button>
        <button type="button" className="vp-btn" onClick={() => move(index + 1)} disabled={index === count - 1} aria-label={`Move ${item.title} down`} title="Move down (Alt+↓)">
          ↓
        </button>
        <button type="button" className="vp-btn ll-remove" onClick={props.remove} disabled={props.removing} aria-label={`Remove ${item.title}`} data-testid="liveloop-item-remove">
          ✕
        </button>
      </div>
    </li>
  );
}

/**
 * The playlist: drag rows (or Alt+↑/↓, or the arrow buttons) to reorder; the new order is saved
 * at once and shows at once (back to the stored order if the host refuses). Loop mode, shuffle,
 * and the items that are only fillers, interstitials or block members.
 */
export function PlaylistEditor({ channel }: { channel: Channel }) {
  const reorder = useReorderPlaylist(channel.id);
  const remove = useRemoveChannelItem(channel.id);
  const update = useUpdateChannel(channel.id);
  const [order, setOrder] = useState<string[]>(channel.playlist);
  const [drag, setDrag] = useState<string | null>(null);
  useEffect(() => setOrder(channel.playlist), [channel.playlist]);
  const byKey = new Map(channel.items.map((i) => [i.key, i]));
  const save = (next: string[]): void => {
    setOrder(next);
    reorder.mutate(next, { onError: () => setOrder(channel.playlist) });
  };
  const extras = channel.items.filter((i) => !channel.playlist.includes(i.key));
  const error = reorder.error ?? remove.error ?? update.error;

  return (
    <section className="ll-playlist" aria-label="Playlist" data-testid="liveloop-playlist">
      <div className="ll-inline-form">
        <label className="vfield">
          <span>When the playlist ends</span>
          <select value={channel.loopMode} onChange={(e) => update.mutate({ loopMode: e.target.value as Channel['loopMode'] })} data-testid="liveloop-loop-mode">
            <option value="loop">Loop: start again</option>
            <option value="once">Once: then the slate</option>
          </select>
        </label>
        <label className="vcheck">
          <input type="checkbox" checked={channel.shuffle} onChange={(e) => update.mutate({ shuffle: e.target.checked })} data-testid="liveloop-shuffle" />
          <span>Shuffle each pass</span>
        </label>
      </div>
      {order.length === 0 ? (
        <p className="muted small ll-empty-note">The playlist is empty: add a video below, or switch on “Add to LiveLoop” on a video in the Library.</p>
      ) : (
        <ol className="ll-rows" aria-describedby="ll-playlist-help">
          {order.map((key, index) => {
            const item = byKey.get(key);
            if (!item) return null;
            return (
              <Row
                key={key}
                item={item}
                index={index}
                count={order.length}
                channelId={channel.id}
                dragging={drag === key}
                move={(to) => to >= 0 && to < order.length && save(moveKey(order, index, to))}
                remove={() => remove.mutate(key)}
                removing={remove.isPending && remove.variables === key}
                onDragStart={() => setDrag(key)}
                onDragOver={() => {
                  if (!drag || drag === key) return;
                  setOrder((o) => moveKey(o, o.indexOf(drag), o.indexOf(key)));
                }}
                onDragEnd={() => {
                  if (drag && order.join() !== channel.playlist.join()) save(order);
                  setDrag(null);
                }}
              />
            );
          })}
        </ol>
      )}
      <p id="ll-playlist-help" className="small muted">
        Drag to reorder, or focus a row and press Alt+↑ / Alt+↓. Changes go on air at the next item boundary.
      </p>
      {error ? (
        <p className="vfield-error" role="alert" data-testid="liveloop-playlist-error">
          {errorMessage(error)}
        </p>
      ) : null}
      <AddItemForm channel={channel} />
      {extras.length ? (
        <details className="ll-extras">
          <summary>Other items of this channel ({extras.length}): fillers, interstitials, block members</summary>
          <ul className="ll-rows">
            {extras.map((item) => (
              <li key={item.key} className="ll-row" data-item-key={item.key}>
                <div className="ll-row-main">
                  <span className="ll-row-title">{item.title}</span>
                  <span className="small muted mono">{clock(item.durationMs / 1000)}</span>
                  <ItemState channelId={channel.id} item={item} />
                </div>
                <div className="ll-row-actions">
                  <button type="button" className="vp-btn ll-remove" onClick={() => remove.mutate(item.key)} aria-label={`Remove ${item.title}`}>
                    ✕
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
