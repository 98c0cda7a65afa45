import { z } from 'zod';

/**
 * A mutation's refusals as Shopify lists them (`ReturnUserError`, `OrderCancelUserError`…): the
 * input path at fault, the message, and the error code where the type has one.
 */
export const CodedUserErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable() }));
