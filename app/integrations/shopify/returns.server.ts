import { z } from 'zod';
import type { CreateReturnInput, ReturnLineInput, ShopifyReturnResult, ShopifyReturns } from '~/cases/ports';
import { UpstreamError } from '~/utils/upstream-error';
import { createAdminCaller } from './admin-caller.server';
import type { ShopifyGraphqlClient } from './client.server';
import {
  ORDER_INVOICE_SEND_MUTATION, ORDER_RETURNS_QUERY, RETURN_EXCHANGE_LINES_QUERY, RETURN_PROCESS_EXCHANGE_MUTATION, RETURN_CONTEXT_QUERY, RETURN_CREATE_MUTATION, RETURN_REASONS_QUERY, RETURN_REQUEST_MUTATION,
} from './return-queries';
import {
  OrderReturnsDataSchema, ReturnContextDataSchema, ReturnPayloadSchema, ReturnReasonsDataSchema, toCaseReturns, toReturnContext,
  toReturnResult,
} from './return-schema';
import type { ThrottleGate } from './throttle.server';
import { CodedUserErrorsSchema } from './user-errors';

const unexpectedShape = (cause: unknown) =>
  new UpstreamError({ service: 'shopify', status: 200, code: 'UNEXPECTED_SHAPE', retryable: false, cause });

const RequestDataSchema = z.object({ returnRequest: ReturnPayloadSchema });
const CreateDataSchema = z.object({ returnCreate: ReturnPayloadSchema });
const InvoiceDataSchema = z.object({ orderInvoiceSend: z.object({ userErrors: CodedUserErrorsSchema }) });
const ExchangeLinesDataSchema = z.object({
  return: z.object({ exchangeLineItems: z.object({ nodes: z.array(z.object({ id: z.string(), unprocessedQuantity: z.number().int() })) }) }).nullable(),
});
const ProcessDataSchema = z.object({ returnProcess: z.object({ userErrors: CodedUserErrorsSchema }) });
const toErrors = (errors: z.infer<typeof CodedUserErrorsSchema>) => errors.map((error) => ({ code: error.code, message: error.message, field: error.field }));

/**
 * Returns through the Shopify Admin GraphQL API. Each method is exactly one API call, parsed with
 * zod; Shopify's `userErrors` come back as `{ ok: false }` values, upstream failures as UpstreamError.
 */
export function createShopifyReturns(deps: { client: ShopifyGraphqlClient; gate?: ThrottleGate }): ShopifyReturns {
  const call = createAdminCaller(deps);

  const resultOf = (result: ShopifyReturnResult | null) => {
    if (!result) throw unexpectedShape(new Error('Return payload with neither a return nor userErrors'));
    return result;
  };

  const requestLine = (line: ReturnLineInput) => ({
    fulfillmentLineItemId: line.fulfillmentLineItemId,
    quantity: line.quantity,
    ...(line.reasonId ? { returnReasonDefinitionId: line.reasonId } : {}),
    ...(line.note ? { customerNote: line.note } : {}),
  });

  // returnCreate has no customer note: the shopper's words go in the reason note instead.
  const createLine = (line: ReturnLineInput) => ({
    fulfillmentLineItemId: line.fulfillmentLineItemId,
    quantity: line.quantity,
    ...(line.reasonId ? { returnReasonDefinitionId: line.reasonId } : {}),
    ...(line.note ? { returnReasonNote: line.note } : {}),
  });

  return {
    /** One call (ComptoirReturnContext, 826 points requested). @throws UpstreamError */
    async getReturnContext(orderId) {
      return toReturnContext(await call(RETURN_CONTEXT_QUERY, { orderId }, ReturnContextDataSchema));
    },
    /** returnRequest → REQUESTED, or Shopify's userErrors as values. @throws UpstreamError */
    async requestReturn({ orderId, lines }) {
      const input = { orderId, returnLineItems: lines.map(requestLine) };
      const data = await call(RETURN_REQUEST_MUTATION, { input }, RequestDataSchema);
      return resultOf(toReturnResult(data.returnRequest));
    },
    /** returnCreate → OPEN, with exchange lines; userErrors as values. @throws UpstreamError */
    async createReturn({ orderId, lines, exchangeLines }: CreateReturnInput) {
      const returnInput = {
        orderId,
        returnLineItems: lines.map(createLine),
        ...(exchangeLines.length ? { exchangeLineItems: exchangeLines.map(({ variantId, quantity }) => ({ variantId, quantity })) } : {}),
      };
      const data = await call(RETURN_CREATE_MUTATION, { returnInput }, CreateDataSchema);
      return resultOf(toReturnResult(data.returnCreate));
    },
    /** orderInvoiceSend: the balance due emailed as an invoice; userErrors as values. @throws UpstreamError */
    async sendOrderInvoice(orderId) {
      const data = await call(ORDER_INVOICE_SEND_MUTATION, { id: orderId }, InvoiceDataSchema);
      const errors = toErrors(data.orderInvoiceSend.userErrors);
      return errors.length ? { ok: false as const, errors } : { ok: true as const };
    },
    /** The exchange lines still unprocessed, then returnProcess on them alone. @throws UpstreamError */
    async releaseExchange(returnId) {
      const lines = await call(RETURN_EXCHANGE_LINES_QUERY, { id: returnId }, ExchangeLinesDataSchema);
      if (!lines.return) return { ok: false as const, errors: [{ code: 'NOT_FOUND', message: 'Return not found', field: ['returnId'] }] };
      const pending = lines.return.exchangeLineItems.nodes.filter((line) => line.unprocessedQuantity > 0);
      if (pending.length === 0) return { ok: true as const, units: 0 };
      const input = { returnId, returnLineItems: [], exchangeLineItems: pending.map(({ id, unprocessedQuantity }) => ({ id, quantity: unprocessedQuantity })) };
      const data = await call(RETURN_PROCESS_EXCHANGE_MUTATION, { input }, ProcessDataSchema);
      const errors = toErrors(data.returnProcess.userErrors);
      return errors.length ? { ok: false as const, errors } : { ok: true as const, units: pending.reduce((sum, line) => sum + line.unprocessedQuantity, 0) };
    },
    /** The reasons a shopper may pick; retired (deleted) ones are left out. @throws UpstreamError */
    async listReturnReasons() {
      const data = await call(RETURN_REASONS_QUERY, {}, ReturnReasonsDataSchema);
      return data.returnReasonDefinitions.nodes.filter((r) => !r.deleted).map(({ id, handle, name }) => ({ id, handle, name }));
    },
    /** Returns of the order marked with `[caseId]` (ComptoirOrderReturns). @throws UpstreamError */
    async findReturnsForCase(orderId, caseId) {
      return toCaseReturns(await call(ORDER_RETURNS_QUERY, { orderId }, OrderReturnsDataSchema), caseId);
    },
  };
}
