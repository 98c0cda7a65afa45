import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/form/post-form';
import { getTranslator } from '~/i18n.server';
import { readGuardedForm, refusalOf } from '~/security/form-guard.server';
import { clearSessionCookie, readSessionToken } from '~/session/shopper-cookie.server';

export const handle = { i18n: ['common', 'orders'] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }, { name: 'robots', content: 'noindex' }];

/** Ends the shopper's session on this device; the order stays one lookup away. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context);
  if (!form.ok) {
    const refusal = refusalOf(request, form);
    return data({ errors: refusal.errors }, { status: refusal.status });
  }
  const { services } = context;
  const live = !services.config.sandbox;
  const token = await readSessionToken(request, live);
  if (token) await services.sessions.revoke(token, services.clock());
  return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookie(request, live) } });
}

/** Shown on its own after a refused post (or when typed in): the same button, with a fresh token. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await getTranslator(request, 'orders');
  return { title: `${t('lookAnother')} · ${context.services.brand.name}` };
}

export default function SignOutPage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('orders');
  return (
    <section aria-labelledby="sign-out-title" className="rounded-lg bg-white p-6 shadow-sm">
      <h1 id="sign-out-title" className="text-2xl font-bold text-brand-900">{t('lookAnother')}</h1>
      {actionData?.errors.length ? (
        <p role="alert" className="mt-3 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">{actionData.errors.map((error) => t(error)).join(' ')}</p>
      ) : null}
      <p className="mt-2 text-gray-800">{t('leave.body')}</p>
      <PostForm className="mt-4 flex flex-wrap items-center gap-4">
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-3 font-semibold text-white hover:bg-brand-900">{t('lookAnother')}</button>
        <a href="/order" className="font-semibold text-brand-700 underline underline-offset-2">{t('leave.back')}</a>
      </PostForm>
    </section>
  );
}
