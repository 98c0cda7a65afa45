import { log } from '~/utils/log.server';
import type { PhotoStore } from './photo-store';

/**
 * Photos of a form never sent stay pending; this sweeps those older than `ttlMs` (a session lives
 * 24 h at most, so nobody can still send them), at most once per `everyMs`, kicked off by the next
 * upload. No timer and no job: a portal nobody uploads to has nothing new to sweep.
 */
export function withPendingSweep(store: PhotoStore, options: { ttlMs: number; everyMs: number; clock: () => Date }): PhotoStore {
  let next = 0;
  const sweepIfDue = () => {
    const now = options.clock().getTime();
    if (now < next) return;
    next = now + options.everyMs;
    store.sweep(new Date(now - options.ttlMs)).then(
      (removed) => removed > 0 && log.info('photos.swept', { removed }),
      (error: unknown) => log.error('photos.sweep_failed', { error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return {
    ...store,
    pending(owner) {
      const photos = store.pending(owner);
      return {
        ...photos,
        put(bytes, contentType) {
          sweepIfDue();
          return photos.put(bytes, contentType);
        },
      };
    },
  };
}
