import { z } from 'zod';
import { empty } from '../common';

export const appInfoSchema = z.object({
  name: z.literal('Cerberus'),
  version: z.string(),
  desk: z.enum(['demo', 'live']),
  dataDir: z.string(),
  transport: z.enum(['electron', 'websocket', 'in-process']),
  startedMs: z.number().int(),
  workers: z.number().int().nonnegative(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appApi = {
  'app.getInfo': { input: empty, output: appInfoSchema },
} as const;
