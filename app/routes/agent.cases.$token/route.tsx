import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { getLanguage, getTranslator } from '~/i18n.server';
import { readGuardedForm, refusalOf } from '~/security/form-guard.server';
import { FORM_TOKEN_FIELD } from '~/security/form-token-field';
import { forwardRetryAfter } from '~/utils/http.server';
import { isUpstreamError } from '~/utils/upstream-error';
import { log } from '~/utils/log.server';
import { AgentCaseDetails } from './agent-case-details';
import { decideFromAgentPage, DecisionSchema, loadAgentCaseView, openAgentLink } from './agent-case.server';
import { ReviewPanel } from './review-panel';

/*
 * /agent/cases/<token>: the case as the store's agent sees it, opened from the link on its Gorgias
 * ticket or in the sidebar, and approve / decline for a return request waiting for review. The
 * sealed link is the only key: no shopper session opens it and none is set here. The URL is a
 * secret, so no referrer leaves the page, nothing is cached and robots are told to stay out.
 */
export const handle = { i18n: ['common', 'returns', 'agent', 'orders'], noReferrer: true };

export const headers: HeadersFunction = (args) => ({
  ...forwardRetryAfter(args),
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
});

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.title ?? 'Comptoir' },
  { name: 'robots', content: 'noindex, nofollow' },
];

export async function loader({ request, params, context: { services } }: LoaderFunctionArgs) {
  const t = await getTranslator(request, 'agent');
  const link = await openAgentLink(services, params.token ?? '');
  if (!link.ok) {
    log.info('agent_page.link_refused', { reason: link.reason });
    return data({ link: link.reason, view: null, decided: false, title: `${t(`link.${link.reason}Title`)} · ${services.brand.name}` }, { status: link.reason === 'expired' ? 410 : 404 });
  }
  const view = await loadAgentCaseView(services, request, link.claims.caseId, link.claims.expiresAt, await getLanguage(request));
  const decided = new URL(request.url).searchParams.get('decided') === '1';
  return { link: 'ok' as const, view, decided, title: `${t('title', { id: link.claims.caseId })} · ${services.brand.name}` };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readGuardedForm(request, context);
  if (!form.ok) {
    const refusal = refusalOf(request, form);
    return data({ intent: String(form.formData?.get('intent') ?? ''), errors: refusal.errors, fields: {} as Record<string, string[]> }, { status: refusal.status });
  }
  const { services } = context;
  const token = params.token ?? '';
  const link = await openAgentLink(services, token);
  // The page itself says the link expired or is not valid.
  if (!link.ok) return redirect(`/agent/cases/${encodeURIComponent(token)}`, 303);
  const submission = parseWithZod(form.formData, { schema: DecisionSchema });
  const intent = String(form.formData.get('intent') ?? '');
  if (submission.status !== 'success') {
    const reply = submission.reply({ hideFields: [FORM_TOKEN_FIELD] });
    const { '': formErrors = [], ...fields } = reply.error ?? {};
    return data({ intent, errors: (formErrors ?? []) as string[], fields: fields as Record<string, string[]> }, { status: 400 });
  }
  try {
    const result = await decideFromAgentPage(services, link.claims.caseId, submission.value);
    log.info('agent_page.decision', { caseId: link.claims.caseId, intent, status: result.status });
    switch (result.status) {
      case 'decided':
        return redirect(`/agent/cases/${encodeURIComponent(token)}?decided=1`, 303);
      case 'already_decided':
      case 'not_reviewable':
        return data({ intent, errors: [`agent:errors.${result.status === 'already_decided' ? 'alreadyDecided' : 'notReviewable'}`], fields: {} }, { status: 409 });
      case 'refused':
        return data({ intent, errors: ['agent:errors.refused'], codes: result.codes.join(', '), fields: {} }, { status: 422 });
      default:
        return redirect(`/agent/cases/${encodeURIComponent(token)}`, 303);
    }
  } catch (error) {
    if (!isUpstreamError(error)) throw error;
    log.warn('agent_page.shopify_unreachable', { caseId: link.claims.caseId, code: error.code });
    return data({ intent, errors: ['agent:errors.unreachable'], fields: {} }, { status: 503, headers: { 'Retry-After': String(Math.max(1, error.retryAfterSeconds ?? 30)) } });
  }
}

export default function AgentCasePage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('agent');
  if (loaded.link !== 'ok' || !loaded.view) {
    const reason = loaded.link === 'ok' ? 'invalid' : loaded.link;
    return (
      <section aria-labelledby="agent-link-title" className="rounded-lg border-l-4 border-red-700 bg-white p-5 shadow-sm">
        <h1 id="agent-link-title" className="text-2xl font-bold text-brand-900">{t(`link.${reason}Title`)}</h1>
        <p className="mt-2 text-gray-800">{t(`link.${reason}Body`)}</p>
      </section>
    );
  }
  return (
    <article aria-labelledby="agent-case-title" className="space-y-6">
      <AgentCaseDetails view={loaded.view}>
        <ReviewPanel view={loaded.view} justDecided={loaded.decided} actionData={actionData ?? null} />
      </AgentCaseDetails>
    </article>
  );
}
