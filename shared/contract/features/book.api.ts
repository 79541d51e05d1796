import { empty } from '../common';
import { bookSnapshotSchema } from '../schemas';

export const bookApi = {
  'book.getSnapshot': { input: empty, output: bookSnapshotSchema.nullable() },
} as const;
