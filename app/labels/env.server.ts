import { z } from 'zod';
import { LABEL_PROVIDERS, type LabelProviderName } from './ports';

/**
 * The labels' fragment of the configuration (composed by app/env.server.ts): which provider makes
 * a return's label when the policy's reason names none. `store` needs no account: the shopper
 * sends the parcel to COMPTOIR_RETURN_ADDRESS with a carrier of their choice. Loop's and
 * AfterShip's own fragments check their keys (LOOP_*, AFTERSHIP_*) when they are chosen.
 */
export const LabelsEnvShape = {
  COMPTOIR_LABEL_PROVIDER: z.enum(LABEL_PROVIDERS, 'must be loop, aftership or store').default('store'),
};

type LabelsEnv = z.infer<z.ZodObject<typeof LabelsEnvShape>>;

export type LabelsConfig = { defaultProvider: LabelProviderName };

export const toLabelsConfig = (env: LabelsEnv): LabelsConfig => ({ defaultProvider: env.COMPTOIR_LABEL_PROVIDER });
