import { TEXTURE_NAMES, type ChannelInput, type PassName } from '../../../../shared/shaders/source.js';
import { BUFFER_IDS, NONE } from './draft.js';

/** select value <-> ChannelInput; filter/wrap keep the schema defaults for each kind. */
function encode(c: ChannelInput): string {
  return c.type === 'none' ? 'none' : c.type === 'keyboard' ? 'keyboard' : c.type === 'buffer' ? `buffer:${c.id}` : `texture:${c.name}`;
}

function decode(v: string): ChannelInput {
  if (v === 'keyboard') return { type: 'keyboard' };
  const [kind, name] = v.split(':');
  if (kind === 'buffer' && BUFFER_IDS.includes(name as never)) return { type: 'buffer', id: name as (typeof BUFFER_IDS)[number], filter: 'linear', wrap: 'clamp' };
  if (kind === 'texture' && (TEXTURE_NAMES as readonly string[]).includes(name ?? '')) {
    return { type: 'texture', name: name as (typeof TEXTURE_NAMES)[number], filter: 'mipmap', wrap: 'repeat', vflip: true };
  }
  return NONE;
}

interface Props {
  pass: PassName;
  channels: ChannelInput[];
  readOnly?: boolean;
  onChange(index: number, input: ChannelInput): void;
}

/** iChannel0..3 of the current pass: none, Buffer A–D (its own = previous frame), a shipped texture or the keyboard. */
export function ChannelPickers({ pass, channels, readOnly, onChange }: Props) {
  if (pass === 'common') return <p className="channel-note muted small">Common is pasted above every pass; it has no inputs of its own.</p>;
  return (
    <div className="channel-pickers" data-testid="channel-pickers">
      {channels.map((c, i) => (
        <label key={i} className="channel-picker">
          <span className="mono">iChannel{i}</span>
          <select className="select" value={encode(c)} disabled={readOnly} data-testid={`channel-${i}`} onChange={(e) => onChange(i, decode(e.target.value))}>
            <option value="none">none</option>
            <optgroup label="Buffers">
              {BUFFER_IDS.map((b) => (
                <option key={b} value={`buffer:${b}`}>
                  Buffer {b}
                  {b === pass ? ' (previous frame)' : ''}
                </option>
              ))}
            </optgroup>
            <optgroup label="Textures">
              {TEXTURE_NAMES.map((t) => (
                <option key={t} value={`texture:${t}`}>
                  {t}
                </option>
              ))}
            </optgroup>
            <option value="keyboard">Keyboard</option>
          </select>
        </label>
      ))}
    </div>
  );
}
