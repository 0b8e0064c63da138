import type { Shader } from '../../../../shared/schemas/shaders.js';
import { formatDateTime } from '../../../components/format.js';
import { RenderStatus } from '../editor/RenderStatus.js';

/** Render status, votes, views and provenance. */
export function ShaderFacts({ shader: s }: { shader: Shader }) {
  const rows: Array<[string, string]> = [
    ['Score', `${s.votes.up} up · ${s.votes.down} down · hot ${s.votes.hot.toFixed(3)}`],
    ['Views', String(s.viewCount)],
    ['Created', formatDateTime(s.createdAt)],
    ['Published', s.publishedAt ? formatDateTime(s.publishedAt) : 'not yet'],
    ['Rendered', s.renderedAt ? `${formatDateTime(s.renderedAt)}${s.provenance.renderer ? ` (${s.provenance.renderer})` : ''}` : '—'],
    ['Made via', s.provenance.via + (s.provenance.provider ? ` · ${s.provenance.provider}` : '')],
    ['Type', s.shaderType],
  ];
  const from = s.provenance.importedFrom;
  if (from?.community) rows.push(['From', `community item by ${from.community.author} on ${from.community.relayUrl}`]);
  else if (from?.shadertoyId) rows.push(['From', `Shadertoy ${from.shadertoyId}${from.author ? ` by ${from.author}` : ''}`]);
  return (
    <section className="card facts" data-testid="shader-facts">
      <h3>Status</h3>
      <RenderStatus shader={s} dirty={false} />
      {s.renderError ? <p className="field-error">{s.renderError}</p> : null}
      <dl className="facts-list">
        {rows.map(([k, v]) => (
          <div key={k} className="kv-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
