import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { Party, PartyTarget } from '../../../../shared/schemas/video-party.js';
import { api } from '../../../api/client.js';
import { errorMessage } from '../../../api/errors.js';
import { PartyPanel } from './PartyPanel.js';
import './party.css';

/**
 * "Start a watch party" for a library video or a LiveLoop channel: creates the party and opens
 * its panel (invite QR/link, player, people, chat). Mounted by the library and the LiveLoop page.
 */
export function StartPartyButton({ target, masterMediaId = null, disabled = false }: { target: PartyTarget; masterMediaId?: string | null; disabled?: boolean }) {
  const [party, setParty] = useState<Party | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    setBusy(true);
    setError(null);
    api
      .call('parties.create', { body: { target, inviteTtlMinutes: 240 } })
      .then(setParty, (e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={start} disabled={disabled || busy || party !== null} data-testid="party-start">
        {busy ? 'Starting…' : 'Watch party'}
      </button>
      {error ? <span className="error small" role="alert">{error}</span> : null}
      {/* A portal: the library card clips (and contains) fixed-position children. */}
      {party
        ? createPortal(
            <div className="party-overlay" role="dialog" aria-label="Watch party">
              <PartyPanel party={party} masterMediaId={masterMediaId} onClose={() => setParty(null)} />
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
