import { useMemo } from 'react';
import type { ShaderSummary } from '../../../../shared/schemas/shaders.js';
import { Loading } from '../../../components/Loading.js';
import { useShaderList } from '../api/hooks.js';
import { ShaderCanvas } from '../canvas/ShaderCanvas.js';

interface MyShaderPicksProps {
  /** The radio group's name (unique per open panel). */
  name: string;
  testId: string;
  picked: string | null;
  onPick(id: string): void;
  /** The state shown beside each title (render status for the local queue, publish status for the relay's board). */
  chip(s: ShaderSummary): string;
}

/** "Pick one of your shaders": the owner's shaders, newest first, as a radio list with thumbnails. */
export function MyShaderPicks({ name, testId, picked, onPick, chip }: MyShaderPicksProps) {
  const mine = useShaderList({ mine: 'true', sort: 'new' });
  const shaders = useMemo(() => mine.data?.pages.flatMap((p) => p.items) ?? [], [mine.data]);
  if (mine.isPending) return <Loading label="Loading your shaders…" />;
  if (shaders.length === 0) return <p className="muted small">You have no shaders yet.</p>;
  return (
    <ul className="fulfil-picks" role="radiogroup" aria-label="Your shaders">
      {shaders.map((s) => (
        <li key={s.id}>
          <label className="fulfil-pick" data-selected={picked === s.id} data-testid={testId} data-shader-id={s.id}>
            <input type="radio" name={name} checked={picked === s.id} onChange={() => onPick(s.id)} />
            <ShaderCanvas source={null} priority={0} live={false} thumbnailUrl={s.thumbnailUrl} label={s.title} className="fulfil-thumb" />
            <span className="fulfil-pick-title">{s.title}</span>
            <span className="status-chip" data-status={chip(s)}>
              {chip(s)}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}
