import type { CapabilityProviders } from '../../../shared/schemas/provider-status.js';
import { ProviderRow } from './ProviderRow.js';

/** One capability: which provider jobs use now and why, then every provider that could serve it. */
export function CapabilityCard({ cap }: { cap: CapabilityProviders }) {
  const inUse = cap.providers.find((p) => p.id === cap.inUse);
  return (
    <article className="provider-card" data-testid={`provider-card-${cap.capability}`} data-in-use={cap.inUse ?? ''}>
      <header className="provider-card-head">
        <h3 className="provider-card-title">{cap.label}</h3>
        <p className="provider-card-use" data-testid={`provider-in-use-${cap.capability}`}>
          {inUse ? <strong>{inUse.label}</strong> : <strong className="result-bad">Nothing usable</strong>}
          <span className="muted"> — {cap.why}</span>
        </p>
      </header>
      {cap.providers.length ? (
        <ul className="provider-rows">
          {cap.providers.map((p) => (
            <ProviderRow key={p.id} row={p} inUse={p.id === cap.inUse} />
          ))}
        </ul>
      ) : (
        <p className="muted small">No provider for this capability in this build.</p>
      )}
    </article>
  );
}
