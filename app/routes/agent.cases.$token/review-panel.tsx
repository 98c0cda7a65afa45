import { useTranslation } from 'react-i18next';
import type { AgentCaseView } from '~/cases/agent-case-view';
import { PostForm } from '~/components/form/post-form';
import { DECLINE_REASONS } from '~/webhooks/shopify-events';

type ActionData = { intent: string; errors: string[]; fields: Record<string, string[]>; codes?: string } | null;

const button = 'rounded-md px-4 py-2 font-semibold text-white focus:outline-none focus:ring-2 focus:ring-offset-2';
const input = 'mt-1 block w-full rounded-md border border-gray-500 p-2';

/**
 * Approve / Decline for a return request waiting for review, or the store's answer once given.
 * Two plain forms (no JavaScript needed); each says who decides, in an optional name field.
 */
export function ReviewPanel({ view, justDecided, actionData }: { view: AgentCaseView; justDecided: boolean; actionData: ActionData }) {
  const { t } = useTranslation('agent');
  const { t: tr } = useTranslation('returns');
  const review = view.review;
  // A kind may word the panel its own way (a cancellation is "Cancel the order", not "Approve the return").
  const byKind = (key: string) => t([...(view.variant ? [`review.byKind.${view.kind}_${view.variant}.${key}`] : []), `review.byKind.${view.kind}.${key}`, `review.${key}`]);
  // Decided on this page alone (review 'portal'): no Shopify decline reason to choose.
  const portal = view.review.status !== 'none' && view.review.returnId === null;
  if (review.status === 'none') {
    return <section aria-labelledby="agent-review" className="rounded-lg bg-white p-5 shadow-sm"><h2 id="agent-review" className="text-xl font-bold text-brand-900">{byKind('title')}</h2><p className="mt-2 text-gray-800">{t('review.noReview')}</p></section>;
  }
  const errors = actionData?.errors.map((key) => t(key, { codes: actionData.codes ?? '' })) ?? [];
  const fieldError = (intent: string, name: string) => (actionData?.intent === intent ? actionData.fields[name]?.map((key) => t(key)).join(' ') : undefined);
  return (
    <section aria-labelledby="agent-review" className="rounded-lg border-2 border-brand-600 bg-white p-5 shadow-sm">
      <h2 id="agent-review" className="text-xl font-bold text-brand-900">{byKind('title')}</h2>
      {errors.length ? <p role="alert" className="mt-3 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">{errors.join(' ')}</p> : null}
      {review.status === 'decided' ? (
        <div role="status" className="mt-2 space-y-2">
          {justDecided ? <p className="font-semibold text-green-900">{t('review.justDecided')}</p> : null}
          <p className="text-gray-900">{t(review.outcome === 'approved' ? 'review.decidedApproved' : 'review.decidedDeclined')}</p>
          {view.decline ? (
            <>
              <p>{t('review.declineReasonShown', { reason: tr(`case.declined.reasons.${view.decline.reason}`) })}</p>
              {view.decline.note ? <figure><figcaption className="text-sm font-medium">{t('review.declineNoteShown')}</figcaption><blockquote className="mt-1 whitespace-pre-line border-l-4 border-red-200 pl-3">{view.decline.note}</blockquote></figure> : null}
            </>
          ) : null}
        </div>
      ) : (
        <>
          <p className="mt-2 text-gray-800">{byKind('intro')}</p>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <PostForm aria-labelledby="approve-title" className="space-y-3 self-start rounded-md border border-green-700 p-4">
              <h3 id="approve-title" className="font-semibold text-green-900">{byKind('approve')}</h3>
              <p className="text-sm text-gray-800">{byKind('approveHint')}</p>
              <NameField id="approve-name" error={fieldError('approve', 'agentName')} />
              <button type="submit" name="intent" value="approve" className={`${button} bg-green-800 hover:bg-green-900 focus:ring-green-700`}>{byKind('approve')}</button>
            </PostForm>
            <PostForm aria-labelledby="decline-title" className="space-y-3 rounded-md border border-red-700 p-4">
              <h3 id="decline-title" className="font-semibold text-red-900">{byKind('decline')}</h3>
              {portal ? <input type="hidden" name="declineReason" value="OTHER" /> : (<div>
                <label htmlFor="decline-reason" className="font-medium">{t('review.declineReason')}</label>
                <select id="decline-reason" name="declineReason" required defaultValue="" aria-invalid={fieldError('decline', 'declineReason') ? true : undefined} aria-describedby={fieldError('decline', 'declineReason') ? 'decline-reason-error' : undefined} className={input}>
                  <option value="" disabled>{t('review.chooseReason')}</option>
                  {DECLINE_REASONS.map((reason) => <option key={reason} value={reason}>{t(`review.reasons.${reason}`)}</option>)}
                </select>
                {fieldError('decline', 'declineReason') ? <p id="decline-reason-error" className="mt-1 text-sm text-red-800">{fieldError('decline', 'declineReason')}</p> : null}
              </div>)}
              <div>
                <label htmlFor="decline-note" className="font-medium">{t('review.declineNote')}</label>
                <textarea id="decline-note" name="declineNote" rows={3} maxLength={500} aria-describedby="decline-note-hint" className={input} />
                <p id="decline-note-hint" className="mt-1 text-sm text-gray-700">{byKind('declineNoteHint')}</p>
                {fieldError('decline', 'declineNote') ? <p className="mt-1 text-sm text-red-800">{fieldError('decline', 'declineNote')}</p> : null}
              </div>
              <NameField id="decline-name" error={fieldError('decline', 'agentName')} />
              <button type="submit" name="intent" value="decline" className={`${button} bg-red-800 hover:bg-red-900 focus:ring-red-700`}>{byKind('decline')}</button>
            </PostForm>
          </div>
        </>
      )}
    </section>
  );
}

function NameField({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation('agent');
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">{t('review.agentName')}</label>
      <input id={id} name="agentName" maxLength={80} autoComplete="name" className={input} aria-invalid={error ? true : undefined} />
      {error ? <p className="mt-1 text-sm text-red-800">{error}</p> : null}
    </div>
  );
}
