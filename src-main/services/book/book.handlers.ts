import type { ApiHandlers } from '../../../shared/contract/dispatch';
import type { BookService } from './book.service';

export function bookHandlers(book: BookService) {
  return {
    'book.getSnapshot': () => book.getSnapshot(),
  } satisfies Partial<ApiHandlers>;
}
