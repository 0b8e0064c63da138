import { describe, it } from 'vitest';
import { defineRelaySuite } from '../helpers/relay-suite.js';
import { postgresMissing } from '../helpers/relay-services.js';

// The same suite on a real PostgreSQL started by the test (initdb + pg_ctl into a temp dir).
const missing = postgresMissing();
if (missing) {
  process.stdout.write(`relay-postgres: skipped — ${missing}\n`);
  describe.skip(`relay on postgres (${missing})`, () => it('needs PostgreSQL', () => {}));
} else defineRelaySuite('postgres');
