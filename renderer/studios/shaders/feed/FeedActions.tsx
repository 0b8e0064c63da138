import type { RefObject } from 'react';
import type { ShaderCard } from '../../../../shared/schemas/shaders.js';
import { errorMessage } from '../../../api/errors.js';
import type { ShaderCanvasController } from '../canvas/ShaderCanvas.js';
import { useForkAndEdit, useReplay, useVote } from '../api/hooks.js';
import { moreLikeThisPath } from '../api/more-like-this.js';
import { useNavigate } from '../nav.js';
import { DownIcon, ForkIcon, ReplayIcon, SparkIcon, UpIcon } from '../ui/icons.js';
import { useToast } from '../ui/toast.js';

interface Props {
  card: ShaderCard;
  controller: RefObject<ShaderCanvasController | null>;
}

/** Vote, replay, fork and "more like this" beside a feed card. */
export function FeedActions({ card, controller }: Props) {
  const vote = useVote();
  const replay = useReplay(card.id);
  const fork = useForkAndEdit();
  const navigate = useNavigate();
  const toast = useToast();
  const mine = card.votes.mine;

  const onVote = (value: 1 | -1): void => {
    vote.mutate({ id: card.id, value: mine === value ? 0 : value }, { onError: (err) => toast.error(`Vote not saved: ${errorMessage(err)}`) });
  };

  return (
    <div className="feed-actions" role="group" aria-label={`Actions for ${card.title}`}>
      <button type="button" className="icon-btn" data-testid="vote-up" aria-pressed={mine === 1} aria-label="Vote up" title="Vote up (v)" onClick={() => onVote(1)}>
        <UpIcon />
        <span data-testid="vote-count">{card.votes.up - card.votes.down}</span>
      </button>
      <button type="button" className="icon-btn" data-kind="down" data-testid="vote-down" aria-pressed={mine === -1} aria-label="Vote down" title="Vote down" onClick={() => onVote(-1)}>
        <DownIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        data-testid="replay"
        aria-label="Replay from the start"
        title="Replay from the start"
        onClick={() => {
          controller.current?.restart();
          replay.mutate(undefined, { onError: (err) => toast.error(`Replay not recorded: ${errorMessage(err)}`) });
        }}
      >
        <ReplayIcon />
        <span>replay</span>
      </button>
      <button
        type="button"
        className="icon-btn"
        data-testid="fork"
        aria-label="Fork into the editor"
        title="Fork into the editor"
        disabled={fork.isPending}
        onClick={() => fork.mutate({ id: card.id }, { onError: (err) => toast.error(`Could not fork: ${errorMessage(err)}`) })}
      >
        <ForkIcon />
        <span>{fork.isPending ? '…' : 'fork'}</span>
      </button>
      <button type="button" className="icon-btn" data-testid="more-like-this" aria-label="More like this" title="More like this" onClick={() => navigate(moreLikeThisPath(card))}>
        <SparkIcon />
        <span>more</span>
      </button>
    </div>
  );
}
