import { z } from 'zod';
import { parseListQuery, pathId, requireFound, type ApiContext } from './context.server';
import { paginate } from './pagination.server';
import { parseJsonBody } from './parse-body.server';
import { gorgiasError, HttpFailure, json } from './responses.server';
import { CustomerFieldsSchema, type CustomerFields } from './schemas.server';
import { toCustomerJson } from './serialize.server';
import type { Customer, Store } from './store.server';

/** Gorgias answers 409 when a primary email is already someone else's. */
function assertEmailFree(store: Store, email: string | null | undefined, self?: Customer): void {
  if (!email) return;
  const owner = store.findCustomerByEmail(email);
  if (owner && owner !== self) {
    throw new HttpFailure(gorgiasError(409, 'A customer with this email already exists.', { email: [`Email already used by customer ${owner.id}.`] }));
  }
}

/** Applies the given fields; `null` clears, an omitted field is kept. */
export function applyCustomerFields(store: Store, customer: Customer, fields: CustomerFields): void {
  const { channels, meta, data, ...scalars } = fields;
  for (const [key, value] of Object.entries(scalars)) {
    if (value !== undefined) Object.assign(customer, { [key]: value });
  }
  if (channels) customer.channels = channels;
  if (meta) customer.meta = meta;
  if (data !== undefined) customer.data = data;
  customer.updated_datetime = store.now();
}

export function createCustomer(ctx: ApiContext, fields: CustomerFields): Customer {
  assertEmailFree(ctx.store, fields.email);
  const customer = ctx.store.addCustomer({});
  applyCustomerFields(ctx.store, customer, fields);
  return withEmailChannel(customer);
}

/** Gorgias lists a customer's primary email among its channels. */
function withEmailChannel(customer: Customer): Customer {
  if (customer.email && !customer.channels.some((c) => c.type === 'email' && c.address === customer.email)) {
    customer.channels = [{ type: 'email', address: customer.email, preferred: true }, ...customer.channels];
  }
  return customer;
}

export async function postCustomer(ctx: ApiContext): Promise<Response> {
  const fields = await parseJsonBody(ctx.request, CustomerFieldsSchema, 'Failed to create customer');
  return json(toCustomerJson(createCustomer(ctx, fields)), 201);
}

export function listCustomers(ctx: ApiContext): Response {
  const query = parseListQuery(ctx.url, { email: z.string().optional(), external_id: z.string().optional(), name: z.string().optional() });
  const customers = [...ctx.store.customers.values()].filter(
    (c) =>
      (query.email === undefined || c.email?.toLowerCase() === query.email.toLowerCase()) &&
      (query.external_id === undefined || c.external_id === query.external_id) &&
      (query.name === undefined || c.name === query.name),
  );
  return json(paginate(customers, query, '/api/customers', toCustomerJson));
}

export function getCustomer(ctx: ApiContext): Response {
  return json(toCustomerJson(requireFound(ctx.store.customers.get(pathId(ctx)))));
}

export async function putCustomer(ctx: ApiContext): Promise<Response> {
  const customer = requireFound(ctx.store.customers.get(pathId(ctx)));
  const fields = await parseJsonBody(ctx.request, CustomerFieldsSchema, 'Failed to update customer');
  assertEmailFree(ctx.store, fields.email, customer);
  applyCustomerFields(ctx.store, customer, fields);
  return json(toCustomerJson(withEmailChannel(customer)));
}

const CustomerDataSchema = z.object({ data: z.record(z.string(), z.unknown()), version: z.string().optional() });

/** `PUT /api/customers/{id}/data`: replaces `data` unless Gorgias already holds a newer `version`; 202 `{}`. */
export async function putCustomerData(ctx: ApiContext): Promise<Response> {
  const customer = requireFound(ctx.store.customers.get(pathId(ctx)));
  const body = await parseJsonBody(ctx.request, CustomerDataSchema, 'Failed to update customer data');
  const stale = body.version && customer.data_version && body.version < customer.data_version;
  if (!stale) {
    customer.data = body.data;
    customer.data_version = body.version ?? customer.data_version;
    customer.updated_datetime = ctx.store.now();
  }
  return json({}, 202);
}
