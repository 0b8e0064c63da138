import type { MediaObject } from '../../shared/schemas/system.js';
import { formatBytes, formatDateTime, shortHash } from '../components/format.js';

export function MediaTable({ media }: { media: MediaObject[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="media-table">
        <thead>
          <tr>
            <th scope="col">SHA-256</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Size</th>
            <th scope="col">Provider / model</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {media.map((m) => (
            <tr key={m.id} data-testid="media-row" data-media-id={m.id}>
              <th scope="row" className="mono" title={m.sha256}>
                {shortHash(m.sha256)}
              </th>
              <td>{m.originalName ?? '—'}</td>
              <td className="mono">{m.mime}</td>
              <td>{formatBytes(m.bytes)}</td>
              <td>{m.provider ? `${m.provider}${m.model ? ` / ${m.model}` : ''}` : (m.model ?? '—')}</td>
              <td>
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
