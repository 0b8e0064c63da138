import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ARCADE_LIMITS } from '../../../../shared/schemas/video-arcade.js';
import { AppError } from '../../errors.js';

export type ArcadeLimits = { -readonly [K in keyof typeof ARCADE_LIMITS]: number };

/** One file of the bundle as it will be installed (path relative to the game folder). */
export interface BundleFile {
  /** Name inside the zip (used to find the entry again). */
  zipName: string;
  /** Path under the game folder: the zip name without the single top folder, if there was one. */
  path: string;
  bytes: number;
}

export interface BundlePlan {
  files: BundleFile[];
  totalBytes: number;
  /** "folder/" when index.html sat in a single top folder, else "". */
  stripped: string;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
/** Finder's metadata folders and files, present in most zips made on a Mac: skipped, not refused. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$)/;

const refuse = (code: string, message: string): AppError => new AppError(422, code, `${message} Nothing was installed.`);

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    // decodeStrings off: yauzl would silently turn backslashes into slashes; we refuse them instead.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(refuse('invalid_zip', `The file is not a readable zip archive (${err?.message ?? 'no archive'}).`)) : resolve(zip),
    ),
  );
}

/** UTF-8 when the entry says so (general purpose bit 11), else CP437, which is ASCII for the names that pass below. */
function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
}

/** Refuses every name that could write outside the game folder or mean different things on different systems. */
export function checkEntryName(name: string): void {
  const shown = JSON.stringify(name.slice(0, 200));
  if (name.length === 0) throw refuse('zip_bad_path', 'The zip has an entry with an empty name.');
  if (name.includes('\\')) throw refuse('zip_bad_path', `The entry ${shown} uses backslashes; zip paths must use "/".`);
  if (/[\u0000-\u001f]/.test(name)) throw refuse('zip_bad_path', `The entry ${shown} has control characters in its name.`);
  if (name.startsWith('/')) throw refuse('zip_absolute_path', `The entry ${shown} has an absolute path.`);
  if (/^[A-Za-z]:/.test(name)) throw refuse('zip_absolute_path', `The entry ${shown} names a drive.`);
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) throw refuse('zip_slip', `The entry ${shown} climbs out of the game folder with "..".`);
  if (parts.some((p) => p === '' || p === '.')) throw refuse('zip_bad_path', `The entry ${shown} has an empty or "." path segment.`);
  if (parts.length > 32) throw refuse('zip_bad_path', `The entry ${shown} is nested more than 32 folders deep.`);
}

/** The file type from the Unix mode in the high half of the external attributes (0 when the zip was made elsewhere). */
function unixType(entry: Entry): number {
  const madeBy = entry.versionMadeBy >> 8;
  return madeBy === 3 ? ((entry.externalFileAttributes >>> 16) & S_IFMT) : 0;
}

/**
 * Reads the central directory and decides, before a byte is extracted, whether the bundle may be
 * installed: entry count, sizes and compression ratios (zip bombs), names (zip-slip, absolute,
 * backslash, drive), types (no symlinks or devices), encryption, and where index.html is.
 */
export async function planBundle(zipPath: string, limits: ArcadeLimits = { ...ARCADE_LIMITS }): Promise<BundlePlan> {
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > limits.maxEntries) throw refuse('zip_too_many_entries', `The zip has ${zip.entryCount} entries; at most ${limits.maxEntries} are allowed.`);
    const entries = await readEntries(zip);
    const files: BundleFile[] = [];
    let total = 0;
    for (const entry of entries) {
      const name = entryName(entry);
      checkEntryName(name);
      if (JUNK.test(name)) continue;
      const type = unixType(entry);
      if (type === S_IFLNK) throw refuse('zip_symlink', `The entry ${JSON.stringify(name)} is a symbolic link; bundles may hold plain files only.`);
      const isDir = name.endsWith('/');
      if (isDir) {
        if (type !== 0 && type !== S_IFDIR) throw refuse('zip_special_file', `The entry ${JSON.stringify(name)} is not a plain file or folder.`);
        continue;
      }
      if (type !== 0 && type !== S_IFREG) throw refuse('zip_special_file', `The entry ${JSON.stringify(name)} is not a plain file (type ${type.toString(8)}).`);
      if (entry.isEncrypted()) throw refuse('zip_encrypted', `The entry ${JSON.stringify(name)} is encrypted; bundles must not be password-protected.`);
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) throw refuse('zip_entry_too_large', `The file ${JSON.stringify(name)} is ${mb(size)} once extracted; one file may be at most ${mb(limits.maxEntryBytes)}.`);
      const ratio = size / Math.max(1, entry.compressedSize);
      if (size >= limits.ratioFloorBytes && ratio > limits.maxRatio) {
        throw refuse('zip_bomb', `The file ${JSON.stringify(name)} expands ${Math.round(ratio)}× (${mb(entry.compressedSize)} → ${mb(size)}); more than ${limits.maxRatio}× looks like a zip bomb.`);
      }
      total += size;
      if (total > limits.maxTotalBytes) throw refuse('zip_too_large_extracted', `The zip holds more than ${mb(limits.maxTotalBytes)} once extracted.`);
      files.push({ zipName: name, path: name, bytes: size });
    }
    return { files: stripTopFolder(files), totalBytes: total, stripped: topFolderOf(files) };
  } finally {
    zip.close();
  }
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const out: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      out.push(e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', (err: Error) => reject(refuse('invalid_zip', `The zip's directory is damaged (${err.message}).`)));
    zip.readEntry();
  });
}

/** "" when index.html is at the root; "folder/" when every file sits in one top folder that has it. */
function topFolderOf(files: BundleFile[]): string {
  if (files.some((f) => f.zipName === 'index.html')) return '';
  const tops = new Set(files.map((f) => (f.zipName.includes('/') ? f.zipName.split('/')[0]! + '/' : '')));
  const [top] = [...tops];
  if (tops.size === 1 && top && files.some((f) => f.zipName === `${top}index.html`)) return top;
  const found = files.filter((f) => /(^|\/)index\.html$/i.test(f.zipName)).map((f) => f.zipName).slice(0, 3);
  throw refuse(
    'no_index_html',
    found.length
      ? `The bundle has no index.html at its root or in a single top folder (found ${found.map((n) => JSON.stringify(n)).join(', ')}).`
      : files.length
        ? 'The bundle has no index.html; a game bundle needs index.html at its root (or in a single top folder).'
        : 'The zip is empty.',
  );
}

function stripTopFolder(files: BundleFile[]): BundleFile[] {
  const top = topFolderOf(files);
  return files.map((f) => ({ ...f, path: f.zipName.slice(top.length) }));
}

/** Counts the bytes actually inflated, so a lying size field cannot write past the plan. */
function byteGuard(name: string, max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > max) cb(refuse('zip_bomb', `The file ${JSON.stringify(name)} inflates past its declared size.`));
      else cb(null, chunk);
    },
  });
}

/** Extracts exactly the planned files into `dest` (an empty folder the caller removes on failure). */
export async function extractBundle(zipPath: string, plan: BundlePlan, dest: string): Promise<void> {
  const wanted = new Map(plan.files.map((f) => [f.zipName, f]));
  const zip = await openZip(zipPath);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        const file = wanted.get(entryName(entry));
        if (!file || entryName(entry).endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(refuse('invalid_zip', `The entry ${JSON.stringify(file.zipName)} cannot be read (${err?.message}).`));
          const target = join(dest, ...file.path.split('/'));
          mkdir(dirname(target), { recursive: true })
            .then(() => pipeline(stream as Readable, byteGuard(file.zipName, file.bytes), createWriteStream(target, { flags: 'wx', mode: 0o644 })))
            .then(() => zip.readEntry())
            .catch((e: unknown) => reject(e instanceof AppError ? e : refuse('invalid_zip', `The entry ${JSON.stringify(file.zipName)} is damaged (${(e as Error).message}).`)));
        });
      });
      zip.once('end', () => resolve());
      zip.once('error', (err: Error) => reject(refuse('invalid_zip', `The zip is damaged (${err.message}).`)));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
