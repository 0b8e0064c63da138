import type { MouseEvent } from 'react';
import { useRouter } from '../../app/router.js';
import { Page } from '../../components/Page.js';
import { ArcadeView } from './arcade/ArcadeView.js';
import { CreateView } from './create/CreateView.js';
import { LibraryView } from './library/LibraryView.js';
import { LiveLoopView } from '../video/liveloop/LiveLoopView.js';
import { STANDALONE_TABS, videoPaths, useVideoLocation, type VideoTab } from './nav.js';
import { ScriptView } from './script/ScriptView.js';
import './video.css';

const TABS: ReadonlyArray<{ id: VideoTab; label: string }> = [
  { id: 'create', label: 'Create' },
  { id: 'script', label: 'Script' },
  { id: 'library', label: 'Library' },
  { id: 'liveloop', label: 'LiveLoop' },
  { id: 'arcade', label: 'Arcade' },
];

export function VideoPage() {
  const { videoId, tab } = useVideoLocation();
  const navigate = useRouter((s) => s.navigate);
  const hrefFor = (id: VideoTab): string => (STANDALONE_TABS.has(id) ? videoPaths.tab(id) : videoId ? videoPaths.video(videoId, id) : videoPaths.create());
  const go = (e: MouseEvent<HTMLAnchorElement>, id: VideoTab): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(hrefFor(id));
  };
  return (
    <Page
      id="video"
      title="Video"
      lead="A prompt becomes a script, a voice, scene visuals, a quick preview and then the final MP4 with HLS, captions and chapters."
    >
      <nav className="video-tabs" aria-label="Video studio">
        {TABS.map((t) => {
          const disabled = t.id === 'script' && !videoId;
          return (
            <a
              key={t.id}
              href={hrefFor(t.id)}
              className="video-tab"
              data-testid={`video-tab-${t.id}`}
              aria-current={tab === t.id ? 'page' : undefined}
              aria-disabled={disabled || undefined}
              title={disabled ? 'Create or open a video first' : undefined}
              onClick={(e) => (disabled ? e.preventDefault() : go(e, t.id))}
            >
              {t.label}
            </a>
          );
        })}
      </nav>
      <TabBody tab={tab} videoId={videoId} />
    </Page>
  );
}

/** One line per tab, so each part of the studio adds its own. */
function TabBody({ tab, videoId }: { tab: VideoTab; videoId: string | null }) {
  if (tab === 'library') return <LibraryView />;
  if (tab === 'liveloop') return <LiveLoopView />;
  if (tab === 'arcade') return <ArcadeView />;
  if (tab === 'script' && videoId) return <ScriptView key={videoId} videoId={videoId} />;
  return <CreateView key={videoId ?? 'new'} videoId={videoId} />;
}
