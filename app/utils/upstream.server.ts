import { serviceUnavailable } from './http.server';
import { log } from './log.server';
import { isUpstreamError } from './upstream-error';

/** Runs a use case; an upstream failure becomes the translated "try again shortly" page (503). */
export async function orServiceUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUpstreamError(error)) throw error;
    log.warn('upstream.failed', { service: error.service, status: error.status, code: error.code, retryable: error.retryable });
    throw serviceUnavailable(error.retryAfterSeconds);
  }
}
