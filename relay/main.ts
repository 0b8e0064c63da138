#!/usr/bin/env node
// The community relay's entry point: `npm run relay` / `node bin/auteur-relay.js`. Reads its
// configuration from the environment (docs/relay.md), prints the URL, stops cleanly on signals.
import { configFromEnv } from './config.js';
import { createRelay } from './create-relay.js';

const config = configFromEnv();
const relay = await createRelay(config).catch((err: Error) => {
  process.stderr.write(`relay: failed to start: ${err.message}\n`);
  process.exit(1);
});
const h = relay.ctx;
process.stdout.write(
  `Auteur relay listening at ${relay.url} (database ${h.dbKind}${h.dbKind === 'pglite' ? ` in ${config.dataDir}` : ''}, rate limits ${h.counters.kind}, ` +
    `turnstile ${config.turnstileSecret ? 'on' : 'off'}, stripe ${h.stripe ? 'on' : 'off'})\n`,
);
let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    void relay.close().then(() => process.exit(0));
  });
}
