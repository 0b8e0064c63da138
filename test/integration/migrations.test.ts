import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect, it } from 'vitest';
import { openDatabase } from '../../electron/host/db/connection.js';
import { MIGRATIONS_DIR } from '../../electron/host/package-root.js';
import { tempHome } from '../helpers/host-process.js';

it('upgrades an existing database made by the first migration, keeping its rows', () => {
  const home = tempHome();
  const dbPath = join(home, 'studio.db');

  // A database as an older build left it: only migration 0000 applied, with data in it.
  const oldMigrations = join(home, 'old-migrations');
  mkdirSync(join(oldMigrations, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const first = journal.entries[0]!;
  cpSync(join(MIGRATIONS_DIR, `${first.tag}.sql`), join(oldMigrations, `${first.tag}.sql`));
  writeFileSync(join(oldMigrations, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
  const old = new Database(dbPath);
  migrate(drizzle(old), { migrationsFolder: oldMigrations });
  old.prepare("insert into users (id, username, role, is_local_owner) values ('u1', 'ada', 'admin', 1)").run();
  old.prepare("insert into shaders (id, author_id, title, glsl_code) values ('s1', 'u1', 'Old shader', 'void mainImage(out vec4 c, in vec2 p){c=vec4(1);}')").run();
  expect(() => old.prepare('select * from vec_shader_style').all()).toThrow();
  old.close();

  // The current build opens it: pending migrations run, nothing is lost.
  const db = openDatabase(dbPath);
  try {
    expect((db.sqlite.prepare('select title from shaders where id = ?').get('s1') as { title: string }).title).toBe('Old shader');
    const applied = (db.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
    expect(applied).toBe(journal.entries.length);
    db.sqlite.prepare('insert into vec_shader_style(id, embedding) values (?, ?)').run('s1', new Float32Array(512).fill(0.5));
    const hit = db.sqlite.prepare('select id from vec_shader_style where embedding match ? and k = 1').get(new Float32Array(512).fill(0.4)) as { id: string };
    expect(hit.id).toBe('s1');
  } finally {
    db.close();
  }

  // Opening again applies nothing twice.
  const again = openDatabase(dbPath);
  expect((again.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
  again.close();
});
