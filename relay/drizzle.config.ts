import { defineConfig } from 'drizzle-kit';

// The relay's own migrations (PostgreSQL dialect; applied unchanged on PGlite and PostgreSQL).
export default defineConfig({
  dialect: 'postgresql',
  schema: './relay/db/schema.ts',
  out: './relay/drizzle',
});
