import type { z } from 'zod';
import { positiveInt } from '~/utils/env-fields';

/**
 * The lookup limits' fragment of the configuration (composed by app/env.server.ts): failed
 * lookups allowed per order number and per client, each over its own window.
 */
export const RateLimitEnvShape = {
  RATE_LIMIT_ORDER_MAX: positiveInt.default(5),
  RATE_LIMIT_ORDER_WINDOW_MINUTES: positiveInt.default(15),
  RATE_LIMIT_CLIENT_MAX: positiveInt.default(20),
  RATE_LIMIT_CLIENT_WINDOW_MINUTES: positiveInt.default(60),
};

type RateLimitEnv = z.infer<z.ZodObject<typeof RateLimitEnvShape>>;

export function toRateLimitConfig(env: RateLimitEnv) {
  return {
    perOrder: { max: env.RATE_LIMIT_ORDER_MAX, windowMs: env.RATE_LIMIT_ORDER_WINDOW_MINUTES * 60_000 },
    perClient: { max: env.RATE_LIMIT_CLIENT_MAX, windowMs: env.RATE_LIMIT_CLIENT_WINDOW_MINUTES * 60_000 },
  };
}
