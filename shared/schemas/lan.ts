import { z } from 'zod';

/** "Share on my network": the opt-in LAN listener (serves only invited party/world-room pages). */
export const LanStatus = z.object({
  enabled: z.boolean().describe('The persisted "Share on my network" setting'),
  running: z.boolean().describe('Whether the LAN listener is listening now'),
  port: z.number().int().min(0).max(65535),
  addresses: z.array(z.string()).describe("This machine's LAN IPv4 addresses"),
  urls: z.array(z.string()).describe('http://<address>:<port> while running'),
  error: z.string().optional().describe('Why the listener could not start (e.g. port in use)'),
});
export type LanStatus = z.infer<typeof LanStatus>;

export const UpdateLanBody = z.object({
  enabled: z.boolean(),
  port: z.number().int().min(0).max(65535).refine((p) => p === 0 || p >= 1024, 'Use a port from 1024 to 65535 (0 picks a free one)').optional(),
});
