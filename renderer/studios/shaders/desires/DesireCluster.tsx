import { useState } from 'react';
import type { Desire } from '../../../../shared/schemas/desires.js';
import { DesireRow } from './DesireRow.js';

/** The hottest desire of a cluster, with its similar siblings folded underneath. */
export function DesireCluster({ members }: { members: Desire[] }) {
  const [open, setOpen] = useState(false);
  const [lead, ...rest] = members;
  if (!lead) return null;
  const size = Math.max(lead.clusterSize, members.length);
  return (
    <li className="desire-cluster" data-testid="desire-cluster" data-cluster-id={lead.clusterId ?? ''} data-size={size}>
      <DesireRow desire={lead} clusterSize={size} />
      {rest.length ? (
        <div className="desire-siblings">
          <button type="button" className="btn btn-ghost btn-small desire-siblings-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : 'Show'} {rest.length} similar desire{rest.length === 1 ? '' : 's'}
          </button>
          {open ? (
            <ul className="desire-sibling-list">
              {rest.map((d) => (
                <DesireRow key={d.id} desire={d} clusterSize={size} nested />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
