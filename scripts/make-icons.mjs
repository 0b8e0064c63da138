#!/usr/bin/env node
// Rasterises the brand mark (renderer/app/brand-mark.svg) into the packaged app icons that
// electron-builder.yml names (build/icon.png, .ico, .icns) and the tray icon the shell loads
// (resources/icons/tray.png + @2x). Run after changing the mark: `node scripts/make-icons.mjs`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const root = new URL('..', import.meta.url).pathname;
const svg = readFileSync(join(root, 'renderer', 'app', 'brand-mark.svg'));
const png = (size) => sharp(svg, { density: Math.ceil((72 * size) / 64) + 1 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

/** ICO with PNG-compressed entries (Windows Vista+). */
async function ico(sizes) {
  const images = await Promise.all(sizes.map(png));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(images[i].length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS with PNG entries (the OSType per size is Apple's). */
async function icns() {
  const types = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
  const chunks = await Promise.all(
    types.map(async ([type, size]) => {
      const data = await png(size);
      const head = Buffer.alloc(8);
      head.write(type, 0, 'ascii');
      head.writeUInt32BE(data.length + 8, 4);
      return Buffer.concat([head, data]);
    }),
  );
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

mkdirSync(join(root, 'build'), { recursive: true });
mkdirSync(join(root, 'resources', 'icons'), { recursive: true });
const out = {
  'build/icon.png': await png(1024),
  'build/icon.ico': await ico([16, 24, 32, 48, 64, 128, 256]),
  'build/icon.icns': await icns(),
  'resources/icons/tray.png': await png(32),
  'resources/icons/tray@2x.png': await png(64),
};
for (const [path, data] of Object.entries(out)) {
  writeFileSync(join(root, path), data);
  process.stderr.write(`icons: ${path} (${data.length} bytes)\n`);
}
