import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { randomUUID } from 'node:crypto';
import { ADDRESS_INTENTS, AddressPostSchema } from '~/cases/address-change/address-form';
import { loadAddressPage, sendAddressCode, submitAddressChange, type AddressShopper } from '~/cases/address-change/address-request.server';
import { toAddressPageView } from '~/cases/address-change/address-view';
import { getLanguage, getTranslator } from '~/i18n.server';
import { readGuardedForm, refusedReply, refusalOf } from '~/security/form-guard.server';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';
import { requireShopperSession } from '~/session/shopper-cookie.server';
import { notFound } from '~/utils/http.server';
import { orServiceUnavailable } from '~/utils/upstream.server';
import { addressDeps } from './address-deps.server';
import { AddressChangePage } from './address-page';

export const handle = { i18n: ['common', 'orders', 'policy', 'returns', 'address'] };

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: loaded?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

async function requireShopper(request: Request, services: LoaderFunctionArgs['context']['services']): Promise<AddressShopper> {
  const session = await requireShopperSession(request, { sessions: services.sessions, live: !services.config.sandbox, now: services.clock() });
  return { sessionId: session.id, orderId: session.orderId, orderName: session.orderName, language: await getLanguage(request), ticketId: session.ticketId ?? null };
}

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const shopper = await requireShopper(request, services);
  const page = await orServiceUnavailable(() => loadAddressPage(addressDeps(services), shopper, services.clock()));
  if (page.kind === 'existing') throw redirect(`/cases/${page.caseId}`, 303);
  if (page.kind === 'gone') throw notFound();
  const t = await getTranslator(request, 'address');
  return {
    view: toAddressPageView(page, services.policy, shopper.language),
    orderName: shopper.orderName,
    contactEmail: services.config.contactEmail,
    // A new key each time the page is drawn: the same form sent twice opens one case.
    idempotencyKey: randomUUID(),
    title: `${t('pageTitle', { name: shopper.orderName })} · ${services.brand.name}`,
  };
}

/** The code never goes back into the page: it is the shopper's to type, and a wrong one is typed again. */
const HIDDEN = [FORM_TOKEN_FIELD, 'code'];
const SEND_STATUS = { notOffered: 409, noEmail: 422, mailFailed: 503, cooldown: 429, tooManySends: 429 } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context);
  if (!form.ok) return data({ result: refusedReply(request, form, AddressPostSchema), count: null, sent: false }, { status: refusalOf(request, form).status });
  const { services } = context;
  const shopper = await requireShopper(request, services);
  const submission = parseWithZod(form.formData, { schema: AddressPostSchema });
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: [FORM_TOKEN_FIELD] }), count: null, sent: false }, { status: 400 });
  const deps = addressDeps(services);
  const now = services.clock();
  const value = submission.value;
  switch (value.intent) {
    case ADDRESS_INTENTS.send: {
      const sent = await orServiceUnavailable(() => sendAddressCode(deps, shopper, now));
      if ('gone' in sent) throw notFound();
      // Not a redirect: an address typed before asking again stays in the form while the new code travels.
      if (sent.ok) return data({ result: form.formData.has('lastName') ? submission.reply({ hideFields: HIDDEN }) : undefined, count: null, sent: true });
      const count = 'retryAfterSeconds' in sent ? (sent.error === 'tooManySends' ? Math.ceil(sent.retryAfterSeconds / 60) : sent.retryAfterSeconds) : null;
      return data({ result: submission.reply({ formErrors: [`address:errors.${sent.error}`], hideFields: HIDDEN }), count, sent: false }, { status: SEND_STATUS[sent.error] });
    }
    case ADDRESS_INTENTS.change: {
      const { idempotencyKey, code, intent: _, ...address } = value;
      const result = await orServiceUnavailable(() => submitAddressChange(deps, shopper, { idempotencyKey, code, address }, now));
      if ('gone' in result) throw notFound();
      if (result.ok) return redirect(`/cases/${result.caseId}`, 303);
      if (result.error === 'address') {
        const fieldErrors = Object.fromEntries(result.fields.filter((e) => e.field).map((e) => [e.field!, [e.key]]));
        const formErrors = ['address:errors.invalid', ...result.fields.filter((e) => !e.field).map((e) => e.key)];
        return data({ result: submission.reply({ formErrors, fieldErrors, hideFields: [FORM_TOKEN_FIELD] }), count: null, sent: false }, { status: 400 });
      }
      const count = result.error === 'codeWrong' ? result.triesLeft : null;
      return data({ result: submission.reply({ formErrors: [`address:errors.${result.error}`], hideFields: HIDDEN }), count, sent: false }, { status: result.error === 'codeWrong' ? 400 : 409 });
    }
    default:
      return data({ result: submission.reply({ formErrors: ['common:errors.formUnreadable'], hideFields: HIDDEN }), count: null, sent: false }, { status: 400 });
  }
}

export default function AddressRoute() {
  const { view, orderName, contactEmail, idempotencyKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <AddressChangePage view={view} orderName={orderName} contactEmail={contactEmail} idempotencyKey={idempotencyKey} actionData={actionData ?? null} />;
}
