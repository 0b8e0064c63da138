import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { Channel, GuideEntry } from '../../../../shared/schemas/video-liveloop.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useRouter } from '../../../app/router.js';
import { useChannel, useChannels } from '../api/liveloop-hooks.js';
import { videoPaths } from '../nav.js';
import { ArcadeLauncher } from '../arcade/ArcadeLauncher.js';
import { StartPartyButton } from '../party/StartPartyButton.js';
import { ChannelBar } from './ChannelBar.js';
import { EntryCard } from './EntryCard.js';
import { FillersEditor } from './FillersEditor.js';
import { GuideTimeline } from './GuideTimeline.js';
import { LivePlayer, type LiveClock } from './LivePlayer.js';
import { NowNext, useNowNext } from './NowNext.js';
import { PlaylistEditor } from './PlaylistEditor.js';
import { PreviewAt } from './PreviewAt.js';
import { ScheduleEditor } from './ScheduleEditor.js';
import './liveloop.css';

const PICK_KEY = 'auteur.liveloop.channel';
type EditorTab = 'playlist' | 'schedule' | 'fillers';
const EDITOR_TABS: ReadonlyArray<[EditorTab, string]> = [
  ['playlist', 'Playlist'],
  ['schedule', 'Schedule'],
  ['fillers', 'Fillers'],
];

/** A real link to the Library that navigates in the app on a plain click. */
function LibraryLink() {
  const navigate = useRouter((s) => s.navigate);
  const go = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(videoPaths.library());
  };
  return (
    <a href={videoPaths.library()} onClick={go}>
      Library
    </a>
  );
}

/** The instant on screen: the player's program time moved on by the wall clock while it plays; the wall clock before it plays. */
function useScreenInstant(): [number, boolean, (c: LiveClock) => void] {
  const seen = useRef<{ program: number; wall: number; playing: boolean } | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const onClock = (c: LiveClock): void => {
    seen.current = c.programTime ? { program: c.programTime.getTime(), wall: Date.now(), playing: c.playing } : null;
  };
  const s = seen.current;
  if (!s) return [now, false, onClock];
  return [s.playing ? s.program + (now - s.wall) : s.program, true, onClock];
}

function Stage({ channel }: { channel: Channel }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [at, following, onClock] = useScreenInstant();
  const nowNext = useNowNext(channel.id, at);
  const [picked, setPicked] = useState<GuideEntry | null>(null);
  const empty = channel.playlist.length === 0 && channel.schedule.length === 0;
  const offAir = nowNext.now ? nowNext.now.kind === 'slate' : empty;
  return (
    <div className="ll-stage">
      <div className="ll-player-wrap">
        <LivePlayer key={channel.id} videoRef={videoRef} masterPath={channel.live.master} channelName={channel.name} offAir={offAir} onClock={onClock} />
        <ArcadeLauncher />
      </div>
      {empty ? (
        <div className="ll-empty card" data-testid="liveloop-empty">
          <h2 className="serif">The slate is on air</h2>
          <p>
            “{channel.name}” has nothing to play yet. Open the <LibraryLink /> and switch on <strong>Add to LiveLoop</strong> on a finished video
            {channel.isDefault ? '' : ' (it goes to the default channel)'}, or add one from the playlist beside the player.
          </p>
        </div>
      ) : (
        <NowNext at={at} following={following} state={nowNext} />
      )}
      {/* The strip moves in 5 s steps: redrawing hundreds of entries twice a second costs a software-rendered page dearly. */}
      <GuideTimeline channelId={channel.id} at={Math.floor(at / 5000) * 5000} selected={picked} onSelect={setPicked} />
      {picked ? <EntryCard key={picked.start} entry={picked} testId="liveloop-guide-card" /> : null}
      <PreviewAt channelId={channel.id} />
    </div>
  );
}

function Editor({ channel }: { channel: Channel }) {
  const [tab, setTab] = useState<EditorTab>('playlist');
  return (
    <aside className="ll-editor card" aria-label="Channel editor" data-testid="liveloop-editor">
      <div className="segmented ll-editor-tabs" role="tablist" aria-label="Edit">
        {EDITOR_TABS.map(([id, label]) => (
          <button key={id} type="button" role="tab" className="segmented-btn" aria-selected={tab === id} aria-pressed={tab === id} onClick={() => setTab(id)} data-testid={`liveloop-editor-${id}`}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'playlist' ? <PlaylistEditor channel={channel} /> : null}
      {tab === 'schedule' ? <ScheduleEditor channel={channel} /> : null}
      {tab === 'fillers' ? <FillersEditor channel={channel} /> : null}
    </aside>
  );
}

/**
 * LiveLoop: a channel's running stream with ON AIR, now/next, the 24-hour guide and a preview
 * of any time; beside it the playlist, schedule and filler editor.
 */
export function LiveLoopView() {
  const list = useChannels();
  const channels = list.data?.channels ?? [];
  const [pick, setPick] = useState<string | null>(() => localStorage.getItem(PICK_KEY));
  const chosen = channels.find((c) => c.id === pick) ?? channels.find((c) => c.isDefault) ?? channels[0] ?? null;
  const detail = useChannel(chosen?.id ?? null);
  const channel = detail.data ?? chosen;
  const select = (id: string): void => {
    localStorage.setItem(PICK_KEY, id);
    setPick(id);
  };

  return (
    <section className="ll" data-testid="liveloop" aria-label="LiveLoop">
      {list.isLoading ? <Loading label="Loading channels…" /> : null}
      {list.error ? <ErrorBanner error={list.error} title="Could not load the channels" onRetry={() => void list.refetch()} /> : null}
      {list.data ? <ChannelBar key={channels.length ? 'some' : 'none'} channels={channels} channel={channel} select={select} extra={channel ? <StartPartyButton key={channel.id} target={{ kind: 'channel', channelId: channel.id }} /> : null} /> : null}
      {list.data && !channel ? (
        <div className="ll-empty card" data-testid="liveloop-no-channel">
          <h2 className="serif">No channel yet</h2>
          <p>
            Name your first channel above, or switch on <strong>Add to LiveLoop</strong> on a video in the <LibraryLink />: a default channel is made for it.
          </p>
        </div>
      ) : null}
      {detail.error ? <ErrorBanner error={detail.error} title="Could not load the channel" onRetry={() => void detail.refetch()} /> : null}
      {channel ? (
        <div className="ll-grid">
          <Stage key={channel.id} channel={channel} />
          <Editor key={channel.id} channel={channel} />
        </div>
      ) : null}
    </section>
  );
}
