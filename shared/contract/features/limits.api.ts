import { z } from 'zod';
import { empty } from '../common';
import { riskLimitSchema } from '../schemas';

export const limitsApi = {
  'limits.list': { input: empty, output: z.array(riskLimitSchema) },
} as const;
