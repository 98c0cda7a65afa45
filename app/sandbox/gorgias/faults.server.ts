import { z } from 'zod';

/** `POST /__sandbox/gorgias/faults`: the whole fault set; omitted fields switch that fault off. */
export const FaultsSchema = z.strictObject({
  /** Share of API requests answered with a 5xx (500, 502 or 503 in turn). */
  errorRate: z.number().min(0).max(1).default(0),
  /** Delay before every API answer, in real milliseconds. */
  latencyMs: z.number().int().min(0).max(30_000).default(0),
  /** The next N API requests get 429, whatever the bucket says. */
  storm429: z.number().int().min(0).max(10_000).default(0),
  /** Every API request gets 503 for this many seconds of the emulator's clock. */
  downForSeconds: z.number().min(0).max(86_400).default(0),
});

export type Faults = z.infer<typeof FaultsSchema>;

const SERVER_ERRORS = [500, 502, 503] as const;

/** mulberry32: a seeded generator, so a given errorRate fails the same requests on every run. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Injected failures for `/api/…` requests; the control endpoints never fail. */
export function createFaults(clock: () => Date) {
  let faults: Faults = FaultsSchema.parse({});
  let downUntil = 0;
  let random = seededRandom(42);
  let nextError = 0;

  return {
    set(next: Faults): { faults: Faults; downUntil: string | null } {
      faults = { ...next };
      downUntil = next.downForSeconds > 0 ? clock().getTime() + next.downForSeconds * 1000 : 0;
      return { faults, downUntil: downUntil ? new Date(downUntil).toISOString() : null };
    },
    reset(): void {
      faults = FaultsSchema.parse({});
      downUntil = 0;
      random = seededRandom(42);
      nextError = 0;
    },
    async delay(): Promise<void> {
      if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    },
    /** Seconds left of an outage, or 0 when the API is up. */
    downSeconds(): number {
      return Math.max(0, Math.ceil((downUntil - clock().getTime()) / 1000));
    },
    takeStorm(): boolean {
      if (faults.storm429 <= 0) return false;
      faults.storm429 -= 1;
      return true;
    },
    /** A 5xx status to answer with, or null. */
    drawError(): number | null {
      if (faults.errorRate <= 0 || random() >= faults.errorRate) return null;
      const status = SERVER_ERRORS[nextError % SERVER_ERRORS.length]!;
      nextError += 1;
      return status;
    },
  };
}

export type FaultSwitch = ReturnType<typeof createFaults>;
