import { z } from 'zod';

/** Input of a request that takes no arguments (and refuses any). */
export const empty = z.object({}).strict();
