import { defineConfig } from 'drizzle-kit';

// Migrations are generated into drizzle/ and applied by the host at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/host/db/schema.ts',
  out: './drizzle',
});
