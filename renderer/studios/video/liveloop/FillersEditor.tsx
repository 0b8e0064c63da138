import { useEffect, useState } from 'react';
import type { Channel, ChannelBlock, FillerRules } from '../../../../shared/schemas/video-liveloop.js';
import { errorMessage } from '../../../api/errors.js';
import { useUpdateChannel } from '../api/liveloop-hooks.js';

/**
 * Filler rules (an interstitial every N items; a pool that fills the gap before a pinned slot)
 * and named blocks (ordered items a schedule slot can play). Each part is saved on its own.
 */
export function FillersEditor({ channel }: { channel: Channel }) {
  const update = useUpdateChannel(channel.id);
  const [rules, setRules] = useState<FillerRules>(channel.fillers);
  const [blocks, setBlocks] = useState<ChannelBlock[]>(channel.blocks);
  const [newBlock, setNewBlock] = useState('');
  useEffect(() => setRules(channel.fillers), [channel.fillers]);
  useEffect(() => setBlocks(channel.blocks), [channel.blocks]);
  const title = new Map(channel.items.map((i) => [i.key, i.title]));
  const rulesDirty = JSON.stringify(rules) !== JSON.stringify(channel.fillers);
  const blocksDirty = JSON.stringify(blocks) !== JSON.stringify(channel.blocks);
  const setBlock = (i: number, b: ChannelBlock): void => setBlocks(blocks.map((x, j) => (j === i ? b : x)));

  return (
    <section className="ll-fillers" aria-label="Fillers and blocks" data-testid="liveloop-fillers">
      <fieldset className="ll-fieldset">
        <legend>Interstitials</legend>
        <div className="ll-inline-form">
          <label className="vfield">
            <span>Insert</span>
            <select value={rules.interstitialKey ?? ''} onChange={(e) => setRules({ ...rules, interstitialKey: e.target.value || null, interstitialEvery: e.target.value ? (rules.interstitialEvery ?? 3) : null })} data-testid="liveloop-interstitial">
              <option value="">Nothing (off)</option>
              {channel.items.map((i) => (
                <option key={i.key} value={i.key}>
                  {i.title}
                </option>
              ))}
            </select>
          </label>
          <label className="vfield">
            <span>after every</span>
            <input type="number" min={1} max={100} value={rules.interstitialEvery ?? ''} disabled={!rules.interstitialKey} onChange={(e) => setRules({ ...rules, interstitialEvery: e.target.value ? Number(e.target.value) : null })} />
          </label>
          <span className="small muted">playlist items</span>
        </div>
      </fieldset>
      <fieldset className="ll-fieldset">
        <legend>Filler pool</legend>
        <p className="small muted">Before a pinned slot, the gap is filled with these (the first that fits, in turn), then the slate.</p>
        <ul className="ll-checklist">
          {channel.items.map((i) => (
            <li key={i.key}>
              <label className="vcheck">
                <input
                  type="checkbox"
                  checked={rules.fillerPool.includes(i.key)}
                  onChange={(e) => setRules({ ...rules, fillerPool: e.target.checked ? [...rules.fillerPool, i.key] : rules.fillerPool.filter((k) => k !== i.key) })}
                />
                <span>{i.title}</span>
              </label>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn-secondary" disabled={!rulesDirty || update.isPending} onClick={() => update.mutate({ fillers: rules })} data-testid="liveloop-fillers-save">
          Save filler rules
        </button>
      </fieldset>
      <fieldset className="ll-fieldset">
        <legend>Blocks</legend>
        <p className="small muted">A block is a named run of items (e.g. “storms”) that a schedule slot can play.</p>
        {blocks.map((b, i) => (
          <div key={i} className="ll-block" data-testid="liveloop-block">
            <div className="ll-inline-form">
              <input value={b.name} onChange={(e) => setBlock(i, { ...b, name: e.target.value })} aria-label="Block name" maxLength={80} />
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setBlocks(blocks.filter((_, j) => j !== i))}>
                Remove block
              </button>
            </div>
            <ol className="ll-block-items">
              {b.itemKeys.map((k, j) => (
                <li key={`${k}-${j}`}>
                  {title.get(k) ?? '(removed item)'}{' '}
                  <button type="button" className="vp-btn" aria-label={`Remove ${title.get(k) ?? 'item'} from ${b.name}`} onClick={() => setBlock(i, { ...b, itemKeys: b.itemKeys.filter((_, x) => x !== j) })}>
                    ✕
                  </button>
                </li>
              ))}
            </ol>
            <select value="" onChange={(e) => e.target.value && setBlock(i, { ...b, itemKeys: [...b.itemKeys, e.target.value] })} aria-label={`Add an item to ${b.name}`}>
              <option value="">Add an item…</option>
              {channel.items.map((it) => (
                <option key={it.key} value={it.key}>
                  {it.title}
                </option>
              ))}
            </select>
          </div>
        ))}
        <form
          className="ll-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (newBlock.trim()) setBlocks([...blocks, { name: newBlock.trim(), itemKeys: [] }]);
            setNewBlock('');
          }}
        >
          <input value={newBlock} onChange={(e) => setNewBlock(e.target.value)} placeholder="New block name" aria-label="New block name" maxLength={80} />
          <button type="submit" className="btn btn-ghost btn-small" disabled={!newBlock.trim()}>
            Add block
          </button>
        </form>
        <button type="button" className="btn btn-secondary" disabled={!blocksDirty || update.isPending} onClick={() => update.mutate({ blocks })} data-testid="liveloop-blocks-save">
          Save blocks
        </button>
      </fieldset>
      {update.error ? (
        <p className="vfield-error" role="alert">
          {errorMessage(update.error)}
        </p>
      ) : null}
    </section>
  );
}
