import { z } from 'zod';
import { isoTime } from '~/sandbox/seed/build-context.server';
import { createIdSequence } from '~/sandbox/seed/ids.server';
import { moneyV2 } from '~/sandbox/seed/money.server';
import type { CurrencyCode, GqlObject, Seed } from '~/sandbox/seed/types.server';
import type { RootResolver } from './field-resolver.server';
import { requireGid } from './root-resolvers.server';

// Above the seed's ranges, so accounts and transactions made during a run never collide with seeded ids.
const MINTED_ID_BASES = { StoreCreditAccount: 1_660_900_000, StoreCreditAccountCreditTransaction: 1_670_900_000 };
/** The demo shop's currencies (Shopify Markets); store credit in another is UNSUPPORTED_CURRENCY. */
const CURRENCIES = new Set(['EUR', 'CAD', 'USD']);

const ArgsSchema = z.object({
  id: z.string(),
  creditInput: z.object({
    creditAmount: z.object({ amount: z.coerce.string(), currencyCode: z.string() }),
    expiresAt: z.string().nullish(),
    notify: z.boolean().nullish(),
  }),
});

type UserError = { __typename: 'StoreCreditAccountCreditUserError'; field: string[] | null; code: string; message: string };
const userError = (field: string[] | null, code: string, message: string): UserError => ({ __typename: 'StoreCreditAccountCreditUserError', field, code, message });
const cents = (decimal: string) => Math.round(Number(decimal) * 100);

/**
 * Store credit accounts, one per customer and currency, made on the first credit (as Shopify does
 * for a customer id), listed on `Customer.storeCreditAccounts`. `storeCreditAccountCredit` adds
 * to one (by account or customer id), with the schema's error codes; a refund to store credit
 * (`refundCreate`) credits the customer's account through `credit` too, its transaction's event
 * ORDER_REFUND. Messages are inferred; the codes are the schema's.
 */
export function createStoreCredit(options: { seed: Seed; clock: () => Date }) {
  const { seed, clock } = options;
  const nextId = createIdSequence(MINTED_ID_BASES);

  /** The owner's account in that currency, opened on first use. */
  function accountOf(owner: GqlObject, currency: string): GqlObject {
    const accounts = (owner.storeCreditAccounts ??= []) as GqlObject[];
    let account = accounts.find((candidate) => (candidate.balance as GqlObject).currencyCode === currency);
    if (!account) {
      account = { __typename: 'StoreCreditAccount', id: nextId('StoreCreditAccount'), owner, balance: moneyV2(0, currency as CurrencyCode), transactions: [] };
      accounts.push(account);
      seed.nodes.set(String(account.id), account);
    }
    return account;
  }

  /** Adds `amountCents` to the account and returns the transaction, newest first in the account's list. */
  function credit(account: GqlObject, amountCents: number, expiresAt: string | null, event: 'ADJUSTMENT' | 'ORDER_REFUND'): GqlObject {
    const currency = (account.balance as GqlObject).currencyCode as CurrencyCode;
    const balance = cents(String((account.balance as GqlObject).amount)) + amountCents;
    const transaction: GqlObject = {
      __typename: 'StoreCreditAccountCreditTransaction', id: nextId('StoreCreditAccountCreditTransaction'), account,
      amount: moneyV2(amountCents, currency), remainingAmount: moneyV2(amountCents, currency), balanceAfterTransaction: moneyV2(balance, currency),
      createdAt: isoTime(clock().getTime()), expiresAt, event, origin: null,
    };
    account.balance = moneyV2(balance, currency);
    account.transactions = [transaction, ...(account.transactions as GqlObject[])];
    seed.nodes.set(String(transaction.id), transaction);
    return transaction;
  }

  // Every customer has the field, empty until credited: the schema makes it non-null.
  for (const node of seed.nodes.values()) if (node.__typename === 'Customer') node.storeCreditAccounts ??= [];

  const storeCreditAccountCredit: RootResolver = (args) => {
    const { id, creditInput } = ArgsSchema.parse(args);
    const payload = (storeCreditAccountTransaction: GqlObject | null, userErrors: UserError[]) => ({ __typename: 'StoreCreditAccountCreditPayload', storeCreditAccountTransaction, userErrors });
    const found = seed.nodes.get(requireGid(id));
    const { amount, currencyCode } = creditInput.creditAmount;
    if (found?.__typename === 'StoreCreditAccount' && (found.balance as GqlObject).currencyCode !== currencyCode) {
      return payload(null, [userError(['creditInput', 'creditAmount', 'currencyCode'], 'MISMATCHING_CURRENCY', 'The currency provided does not match the currency of the store credit account.')]);
    }
    if (found?.__typename !== 'StoreCreditAccount' && found?.__typename !== 'Customer') {
      return payload(null, [id.includes('/StoreCreditAccount/') ? userError(['id'], 'ACCOUNT_NOT_FOUND', 'Store credit account does not exist.') : userError(['id'], 'OWNER_NOT_FOUND', 'Owner does not exist.')]);
    }
    if (!CURRENCIES.has(currencyCode)) return payload(null, [userError(['creditInput', 'creditAmount', 'currencyCode'], 'UNSUPPORTED_CURRENCY', 'The currency provided is not currently supported.')]);
    if (cents(amount) <= 0) return payload(null, [userError(['creditInput', 'creditAmount', 'amount'], 'NEGATIVE_OR_ZERO_AMOUNT', 'A positive amount must be used to credit a store credit account.')]);
    if (creditInput.expiresAt && new Date(creditInput.expiresAt).getTime() <= clock().getTime()) {
      return payload(null, [userError(['creditInput', 'expiresAt'], 'EXPIRES_AT_IN_PAST', 'The expiry date must be in the future.')]);
    }
    const account = found.__typename === 'Customer' ? accountOf(found, currencyCode) : found;
    return payload(credit(account, cents(amount), creditInput.expiresAt ?? null, 'ADJUSTMENT'), []);
  };

  return {
    storeCreditAccountCredit,
    /** A refund to store credit: the customer's account in the order's currency receives it. */
    creditRefund(customer: GqlObject, amountCents: number, currency: string, expiresAt: string | null): void {
      credit(accountOf(customer, currency), amountCents, expiresAt, 'ORDER_REFUND');
    },
  };
}

export type StoreCredit = ReturnType<typeof createStoreCredit>;
