import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Field } from '~/components/form/field';
import { PostForm } from '~/components/form/post-form';
import { lookupSchemaFor } from '~/orders/lookup-form';
import { getTranslator } from '~/i18n.server';
import { lookUpOrder } from '~/orders/lookup';
import { readGuardedForm, refusalOf, refusedReply } from '~/security/form-guard.server';
import { serializeSessionCookie } from '~/session/shopper-cookie.server';
import { forwardRetryAfter } from '~/utils/http.server';
import { log } from '~/utils/log.server';
import { orServiceUnavailable } from '~/utils/upstream.server';

export const handle = { i18n: ['common', 'lookup'] };

export const headers: HeadersFunction = forwardRetryAfter;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await getTranslator(request, 'lookup');
  const linkExpired = new URL(request.url).searchParams.get('link') === 'expired';
  return { secondFactor: context.services.config.lookupSecondFactor, linkExpired, title: `${t('title')} · ${context.services.brand.name}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { services, clientAddress } = context;
  const { config } = services;
  const schema = lookupSchemaFor(config.lookupSecondFactor);
  const form = await readGuardedForm(request, context);
  if (!form.ok) return data({ result: refusedReply(request, form, schema), lockedMinutes: null }, { status: refusalOf(request, form).status });
  const submission = parseWithZod(form.formData, { schema });
  if (submission.status !== 'success') return data({ result: submission.reply(), lockedMinutes: null }, { status: 400 });

  const { orderNumber, email, secondFactor } = submission.value;
  const outcome = await orServiceUnavailable(() =>
    lookUpOrder(
      {
        orders: services.orders,
        guard: services.limiter,
        sessions: services.sessions,
        secondFactor: config.lookupSecondFactor,
        background: (work) => context.afterResponse(() => work().catch((error: unknown) => log.error('lookup.after_answer_failed', { error: String(error) }))),
      },
      { orderNumber, email, secondFactor, clientAddress },
      services.clock(),
    ),
  );
  log.info('lookup', { result: outcome.ok ? 'ok' : outcome.reason, order: services.hashId(orderNumber), client: services.hashId(clientAddress) });
  if (outcome.ok) {
    const cookie = await serializeSessionCookie(request, !config.sandbox, outcome.sessionToken);
    return redirect('/order', { headers: { 'Set-Cookie': cookie } });
  }
  if (outcome.reason === 'locked') {
    const lockedMinutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return data({ result: submission.reply(), lockedMinutes }, { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } });
  }
  return data({ result: submission.reply({ formErrors: ['lookup:errors.notFound'] }), lockedMinutes: null }, { status: 400 });
}

export default function LookupPage() {
  const { secondFactor, linkExpired } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('lookup');
  const [form, fields] = useForm<{ orderNumber: string; email: string; secondFactor: string }>({ id: 'lookup', lastResult: actionData?.result });

  if (actionData?.lockedMinutes) {
    return (
      <section aria-labelledby="locked-title" className="rounded-lg bg-white p-6 shadow-sm">
        <h1 id="locked-title" className="text-2xl font-bold text-brand-900">{t('locked.title')}</h1>
        <p className="mt-2">{t('locked.body', { minutes: actionData.lockedMinutes })}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="lookup-title" className="rounded-lg bg-white p-6 shadow-sm">
      <h1 id="lookup-title" className="text-2xl font-bold text-brand-900">{t('title')}</h1>
      {linkExpired ? <p role="status" className="mt-3 rounded-md border border-amber-600 bg-amber-50 p-3 text-amber-950">{t('linkExpired')}</p> : null}
      <p className="mt-2 text-gray-800">{t('intro')}</p>
      <PostForm {...getFormProps(form)} className="mt-6 space-y-5">
        {form.errors?.length ? (
          <div id={form.errorId} role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
            {form.errors.map((error) => t(error)).join(' ')}
          </div>
        ) : null}
        <Field field={fields.orderNumber} label={t('orderNumber.label')} hint={t('orderNumber.hint')} autoComplete="off" />
        <Field field={fields.email} type="email" label={t('email.label')} hint={t('email.hint')} autoComplete="email" inputMode="email" />
        {secondFactor !== 'none' ? (
          <Field field={fields.secondFactor} label={t(`${secondFactor}.label`)} autoComplete={secondFactor === 'zip' ? 'postal-code' : 'tel'} />
        ) : null}
        <button
          type="submit"
          className="w-full rounded-md bg-brand-700 px-4 py-3 text-base font-semibold text-white hover:bg-brand-900 sm:w-auto"
        >
          {t('submit')}
        </button>
      </PostForm>
    </section>
  );
}
