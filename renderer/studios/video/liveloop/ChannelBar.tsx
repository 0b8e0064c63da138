import { useState, type ReactNode } from 'react';
import type { Channel } from '../../../../shared/schemas/video-liveloop.js';
import { errorMessage } from '../../../api/errors.js';
import { useCreateChannel, useDeleteChannel, useUpdateChannel } from '../api/liveloop-hooks.js';

type Mode = 'idle' | 'create' | 'rename' | 'delete';

interface ChannelBarProps {
  channels: Channel[];
  channel: Channel | null;
  select: (id: string) => void;
  /** Entry points other parts of the studio put in the header (the watch party). */
  extra?: ReactNode;
}

/** Channel picker and the channel's own actions: new, rename, make default, delete. */
export function ChannelBar({ channels, channel, select, extra }: ChannelBarProps) {
  const [mode, setMode] = useState<Mode>(channels.length ? 'idle' : 'create');
  const [name, setName] = useState('');
  const create = useCreateChannel();
  const remove = useDeleteChannel();
  const update = useUpdateChannel(channel?.id ?? '');
  const error = create.error ?? remove.error ?? update.error;
  const close = (): void => {
    setMode('idle');
    setName('');
  };

  return (
    <div className="ll-bar" data-testid="liveloop-channel-bar">
      {channels.length ? (
        <label className="ll-picker">
          <span className="sr-only">Channel</span>
          <select value={channel?.id ?? ''} onChange={(e) => select(e.target.value)} data-testid="liveloop-channel-select">
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {mode === 'create' || mode === 'rename' ? (
        <form
          className="ll-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const n = name.trim();
            if (!n) return;
            if (mode === 'create') create.mutate({ name: n, isDefault: channels.length === 0 }, { onSuccess: (c) => (select(c.id), close()) });
            else update.mutate({ name: n }, { onSuccess: close });
          }}
        >
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} placeholder={mode === 'create' ? 'Channel name, e.g. Storm Watch' : 'New name'} aria-label="Channel name" maxLength={120} data-testid="liveloop-channel-name" />
          <button type="submit" className="btn btn-cta" disabled={!name.trim() || create.isPending || update.isPending} data-testid="liveloop-channel-save">
            {mode === 'create' ? 'Create channel' : 'Rename'}
          </button>
          {channels.length ? (
            <button type="button" className="btn btn-ghost" onClick={close}>
              Cancel
            </button>
          ) : null}
        </form>
      ) : mode === 'delete' && channel ? (
        <div className="ll-inline-form" role="group" aria-label="Confirm delete">
          <span className="small">Delete “{channel.name}”? Its videos stay in the library.</span>
          <button type="button" className="btn btn-danger btn-small" disabled={remove.isPending} onClick={() => remove.mutate(channel.id, { onSuccess: close })} data-testid="liveloop-channel-delete-confirm">
            Delete channel
          </button>
          <button type="button" className="btn btn-ghost btn-small" onClick={close}>
            Keep
          </button>
        </div>
      ) : (
        <div className="ll-inline-form">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setMode('create')} data-testid="liveloop-channel-new">
            New channel
          </button>
          {channel ? (
            <>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => (setName(channel.name), setMode('rename'))} data-testid="liveloop-channel-rename">
                Rename
              </button>
              {channel.isDefault ? (
                <span className="small muted" title="“Add to LiveLoop” in the Library adds to this channel">
                  Default channel
                </span>
              ) : (
                <button type="button" className="btn btn-ghost btn-small" onClick={() => update.mutate({ isDefault: true })} title="“Add to LiveLoop” in the Library will add to this channel">
                  Make default
                </button>
              )}
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setMode('delete')} data-testid="liveloop-channel-delete">
                Delete…
              </button>
            </>
          ) : null}
        </div>
      )}
      <span className="vp-spacer" />
      <div className="ll-bar-extra" data-testid="liveloop-party-slot">
        {extra}
      </div>
      {error ? (
        <p className="vfield-error ll-bar-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
