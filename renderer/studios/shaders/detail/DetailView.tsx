import { useRef, useState } from 'react';
import { errorMessage } from '../../../api/errors.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { Loading } from '../../../components/Loading.js';
import { useForkAndEdit, useReplay, useShader, useVote } from '../api/hooks.js';
import { PRIORITY } from '../canvas/context-budget.js';
import { ShaderCanvas, type ShaderCanvasController } from '../canvas/ShaderCanvas.js';
import { studioPaths } from '../nav.js';
import { ExpandIcon, DownIcon, ForkIcon, ReplayIcon, UpIcon } from '../ui/icons.js';
import { StudioLink } from '../ui/StudioLink.js';
import { StyleChips } from '../ui/StyleChips.js';
import { useToast } from '../ui/toast.js';
import { PublishToCommunity } from '../community/PublishToCommunity.js';
import { CodeTab } from './CodeTab.js';
import { Comments } from './Comments.js';
import { Lineage } from './Lineage.js';
import { PreviewVideo } from './PreviewVideo.js';
import { ShaderFacts } from './ShaderFacts.js';
import './detail.css';

type Tab = 'code' | 'comments' | 'video';

/** One shader: full-size live canvas, code, comments, votes, lineage, render status and preview video. */
export function DetailView({ id }: { id: string }) {
  const shader = useShader(id);
  const vote = useVote();
  const replay = useReplay(id);
  const fork = useForkAndEdit();
  const toast = useToast();
  const stage = useRef<HTMLDivElement>(null);
  const controller = useRef<ShaderCanvasController>(null);
  const [tab, setTab] = useState<Tab>('code');

  if (shader.isPending) return <div className="studio-pad"><Loading label="Loading the shader…" /></div>;
  if (shader.isError) return <div className="studio-pad"><ErrorBanner title="Could not load this shader" error={shader.error} onRetry={() => void shader.refetch()} /></div>;
  const s = shader.data;
  const mine = s.votes.mine;
  const onVote = (value: 1 | -1) => vote.mutate({ id, value: mine === value ? 0 : value }, { onError: (err) => toast.error(`Vote not saved: ${errorMessage(err)}`) });

  return (
    <div className="detail" data-testid="shader-detail" data-shader-id={s.id}>
      <div className="detail-stage" ref={stage}>
        <ShaderCanvas source={s.source} priority={PRIORITY.focus} thumbnailUrl={s.thumbnailUrl} maxDpr={2} label={`Live shader: ${s.title}`} className="detail-canvas" controllerRef={controller} />
        <button type="button" className="icon-btn detail-fullscreen" aria-label="Full screen" title="Full screen" onClick={() => void stage.current?.requestFullscreen?.()}>
          <ExpandIcon />
        </button>
      </div>
      <div className="detail-body studio-pad">
        <div className="detail-main">
          <header className="detail-head">
            <div>
              <h2 className="detail-title">{s.title}</h2>
              <p className="muted">
                by {s.author?.username ?? 'unknown'}
                {s.provenance.isAiGenerated ? ` · AI-generated${s.provenance.model ? ` with ${s.provenance.model}` : ''}` : ''}
              </p>
            </div>
            <div className="detail-actions">
              <button type="button" className="icon-btn" data-testid="vote-up" aria-pressed={mine === 1} aria-label="Vote up" onClick={() => onVote(1)}>
                <UpIcon />
                <span>{s.votes.up}</span>
              </button>
              <button type="button" className="icon-btn" data-kind="down" data-testid="vote-down" aria-pressed={mine === -1} aria-label="Vote down" onClick={() => onVote(-1)}>
                <DownIcon />
                <span>{s.votes.down}</span>
              </button>
              <button type="button" className="icon-btn" aria-label="Replay" title="Replay from the start" onClick={() => (controller.current?.restart(), replay.mutate())}>
                <ReplayIcon />
              </button>
              <button type="button" className="btn btn-secondary" data-testid="detail-fork" disabled={fork.isPending} onClick={() => fork.mutate({ id }, { onError: (err) => toast.error(`Could not fork: ${errorMessage(err)}`) })}>
                <ForkIcon /> Fork
              </button>
              <StudioLink className="btn btn-ghost" to={studioPaths.edit(s.id)} data-testid="detail-edit">
                Edit
              </StudioLink>
              <PublishToCommunity shaderId={s.id} />
            </div>
          </header>
          {s.description ? <p className="detail-description">{s.description}</p> : null}
          <div className="chips">
            {s.tags.map((t) => (
              <StudioLink key={t} className="chip chip-tag" to={studioPaths.explore({ tag: t })}>
                #{t}
              </StudioLink>
            ))}
          </div>
          <StyleChips style={s.style} />
          <div className="detail-tabs" role="tablist">
            {(['code', 'comments', 'video'] as const).map((t) => (
              <button key={t} type="button" role="tab" className="feed-mode" aria-selected={tab === t} data-testid={`detail-tab-${t}`} onClick={() => setTab(t)}>
                {t === 'code' ? 'Code' : t === 'comments' ? `Comments (${s.commentCount})` : 'Preview video'}
              </button>
            ))}
          </div>
          {tab === 'code' ? <CodeTab shader={s} /> : tab === 'comments' ? <Comments shaderId={s.id} /> : <PreviewVideo shader={s} />}
        </div>
        <aside className="detail-side">
          <ShaderFacts shader={s} />
          <Lineage shader={s} />
        </aside>
      </div>
    </div>
  );
}
