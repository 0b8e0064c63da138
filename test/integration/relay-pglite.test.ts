import { defineRelaySuite } from '../helpers/relay-suite.js';

// The relay's API on its embedded database (PGlite, the default for running it locally).
defineRelaySuite('pglite');
