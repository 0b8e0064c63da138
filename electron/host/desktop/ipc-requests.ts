/**
 * Validation of the requests the renderer sends over the shell IPC channels. The renderer
 * is treated as untrusted: every payload is checked here before main acts on it.
 * Electron-free so it is unit-tested; electron/shell/ipc.ts calls parseShellRequest.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { SHELL_CHANNELS, type ShellChannel, type ShellChannelMap } from '../../../shared/ipc/shell-bridge.js';

const MAX_SECRET_CHARS = 64 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const noNul = (s: string) => !s.includes('\0');
const Title = z.string().max(200).refine(noNul, 'must not contain NUL');
const FileFilter = z.strictObject({
  name: z.string().min(1).max(100).refine(noNul, 'must not contain NUL'),
  extensions: z.array(z.string().regex(/^(?:\*|[A-Za-z0-9_+-]{1,16})$/, 'extension without dot, e.g. "png" or "*"')).min(1).max(50),
});
const Filters = z.array(FileFilter).max(20);

const schemas = {
  [SHELL_CHANNELS.openDialog]: z.strictObject({
    title: Title.optional(),
    filters: Filters.optional(),
    multiple: z.boolean().optional(),
    directory: z.boolean().optional(),
  }),
  [SHELL_CHANNELS.saveDialog]: z.strictObject({
    title: Title.optional(),
    defaultPath: z.string().min(1).max(4096).refine(noNul, 'must not contain NUL').optional(),
    filters: Filters.optional(),
  }),
  [SHELL_CHANNELS.revealPath]: z.strictObject({
    path: z.string().min(1).max(4096).refine(noNul, 'must not contain NUL').refine(isAbsolute, 'must be an absolute path'),
  }),
  [SHELL_CHANNELS.encrypt]: z.strictObject({ plaintext: z.string().max(MAX_SECRET_CHARS) }),
  [SHELL_CHANNELS.decrypt]: z.strictObject({
    ciphertext: z.string().min(4).max(Math.ceil((MAX_SECRET_CHARS * 4 * 4) / 3) + 1024).regex(BASE64, 'must be base64'),
  }),
} satisfies { [C in ShellChannel]: z.ZodType<ShellChannelMap[C]['req']> };

const CHANNELS: ReadonlySet<string> = new Set(Object.values(SHELL_CHANNELS));

export function isShellChannel(channel: string): channel is ShellChannel {
  return CHANNELS.has(channel);
}

/** Returns the typed request, or throws an Error whose message says what was wrong. */
export function parseShellRequest<C extends ShellChannel>(channel: C, raw: unknown): ShellChannelMap[C]['req'] {
  if (!isShellChannel(channel)) throw new Error(`unknown shell channel ${JSON.stringify(channel)}`);
  const schema = schemas[channel] as z.ZodType<ShellChannelMap[C]['req']>;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(request)'}: ${i.message}`)
    .join('; ');
  throw new Error(`invalid request on ${channel}: ${detail}`);
}
