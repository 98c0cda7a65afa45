import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentCaseView } from '~/cases/agent-case-view';
import { useFormatters } from '~/components/format';

const card = 'rounded-lg bg-white p-5 shadow-sm';
const heading = 'text-xl font-bold text-brand-900';
const link = 'font-semibold text-brand-700 underline underline-offset-2';

/** The case for an agent: order, customer, items with verdicts and photos, refund, policy version, links, timeline. */
export function AgentCaseDetails({ view, children }: { view: AgentCaseView; children: ReactNode }) {
  const { t } = useTranslation('agent');
  const { t: tr } = useTranslation('returns');
  const { t: to } = useTranslation('orders');
  const format = useFormatters();
  return (
    <>
      <header className="rounded-lg border-l-4 border-brand-600 bg-white p-5 shadow-sm">
        <p className="inline-block rounded bg-brand-900 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">{t('badge')}</p>
        <h1 id="agent-case-title" className="mt-2 text-2xl font-bold text-brand-900">{t('title', { id: view.id })}</h1>
        <p className="mt-1 text-lg font-semibold">{tr(`case.state.${view.state}`)}</p>
        <p className="mt-1 text-sm text-gray-700">{t('opened', { date: format.dateTime(view.createdAt) })} · {t('shopperLanguage', { language: view.shopperLanguage })}</p>
        <p className="mt-3 text-sm text-gray-800">{t('privacy')}</p>
      </header>
      <section aria-labelledby="agent-order" className={card}>
        <h2 id="agent-order" className={heading}>{t('order')} {view.order.name}</h2>
        <p className="mt-2"><a href={view.order.adminUrl} target="_blank" rel="noopener noreferrer" className={link}>{t('openInShopify', { name: view.order.name })}</a></p>
        <h3 className="mt-4 font-semibold text-gray-900">{t('customer')}</h3>
        {view.customer ? (
          <p className="mt-1 break-words text-gray-900">{view.customer.name ? `${view.customer.name} · ` : ''}{view.customer.email}</p>
        ) : (
          <p role="status" className="mt-1 text-gray-800">{t('customerUnknown')}</p>
        )}
      </section>
      {children}
      <section aria-labelledby="agent-items" className={card}>
        <h2 id="agent-items" className={heading}>{t('items')}</h2>
        <ul className="mt-2 divide-y divide-brand-100">
          {view.lines.map((line) => (
            <li key={line.key} className="flex gap-3 py-3">
              {line.image ? <img src={line.image.url} alt={line.image.alt} width={64} height={64} className="size-16 shrink-0 rounded-md object-cover" /> : null}
              <div className="min-w-0 space-y-1">
                <p className="font-medium">{line.title}{line.variantTitle ? ` · ${line.variantTitle}` : ''}</p>
                <p className="text-sm text-gray-700">{t('quantity', { count: line.quantity })}{line.sku ? ` · ${t('sku', { sku: line.sku })}` : ''}</p>
                <p className="text-sm">{t('reason', { reason: line.reason })}</p>
                {line.note ? <blockquote className="border-l-4 border-brand-100 pl-3 text-sm text-gray-900"><span className="sr-only">{t('note')}: </span>{line.note}</blockquote> : null}
                <p className="text-sm">{t('policyVerdict', { verdict: t(`decision.${line.policyDecision}`) })}{line.decision !== line.policyDecision ? ` · ${t('now', { decision: t(`current.${line.decision}`) })}` : ''}</p>
                {line.clauses.length ? (
                  <ul className="text-sm text-gray-800">
                    {line.clauses.map((clause) => <li key={clause.id}><a href={`/policy#clause-${clause.id}`} className={link}>{t('clause', { id: clause.id })}</a>{clause.title ? ` — ${clause.title}` : ''}</li>)}
                  </ul>
                ) : null}
                {line.exchange ? <AgentExchange exchange={line.exchange} /> : null}
                {line.photoUrls.length ? (
                  <ul aria-label={t('photos')} className="flex flex-wrap gap-2 pt-1">
                    {line.photoUrls.map((url, index) => (
                      <li key={url}><a href={url} target="_blank" rel="noopener noreferrer"><img src={url} alt={t('photo', { number: index + 1, title: line.title })} width={80} height={80} className="size-20 rounded-md object-cover" /></a></li>
                    ))}
                  </ul>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="agent-refund" className={card}>
        <h2 id="agent-refund" className={heading}>{t(view.movesMoney ? 'refund.title' : 'policyVersion')}</h2>
        {!view.movesMoney ? null : view.refunded ? (
          <>
            <p className="mt-2">{t('refund.method', { method: t(`refund.${view.refundMethod ?? 'none'}`) })}</p>
            <dl className="mt-2 space-y-1">
              {view.fees ? <div className="flex justify-between"><dt>{t('refund.fees')}</dt><dd>{format.money(view.fees)}</dd></div> : null}
              <div className="flex justify-between font-bold"><dt>{t('refund.estimate')}</dt><dd>{view.estimatedRefund ? format.money(view.estimatedRefund) : t('refund.toConfirm')}</dd></div>
            </dl>
          </>
        ) : <p className="mt-2">{to('caseExchange.noRefund')}</p>}
        {view.movesMoney ? <h3 className="mt-4 font-semibold">{t('policyVersion')}</h3> : null}
        <p className="mt-1 break-all font-mono text-sm">{view.policyVersion}</p>
        <p className="mt-1 text-sm text-gray-700">{t('policyVersionHint')}</p>
      </section>
      {view.shipping ? <AgentParcel shipping={view.shipping} /> : null}
      <section aria-labelledby="agent-links" className={card}>
        <h2 id="agent-links" className={heading}>{t('links.title')}</h2>
        <ul className="mt-2 space-y-1">
          <li>{view.ticketUrl ? <a href={view.ticketUrl} target="_blank" rel="noopener noreferrer" className={link}>{t('links.ticket')}</a> : t('links.noTicket')}</li>
          {view.shopifyReturns.length ? view.shopifyReturns.map((ret) => (
            <li key={ret.id}><a href={ret.url} target="_blank" rel="noopener noreferrer" className={link}>{t('links.return', { number: ret.id.split('/').pop() })}</a></li>
          )) : <li>{t('links.noReturn')}</li>}
        </ul>
      </section>
      <section aria-labelledby="agent-timeline" className={card}>
        <h2 id="agent-timeline" className={heading}>{t('timeline')}</h2>
        <ol className="mt-3 space-y-3 border-l-2 border-brand-100 pl-4">
          {view.events.map((event) => (
            <li key={event.id}>
              <p className="font-medium">{t(`event.${event.type.replaceAll('.', '_')}`, { defaultValue: tr([`case.kindEvents.${view.kind}.${event.type}`, `case.event.${event.type}`], { defaultValue: event.type }) })}</p>
              <p className="text-sm text-gray-700">
                <time dateTime={event.at}>{format.dateTime(event.at)}</time> · {event.viaAgentPage ? (event.agentName ? t('byAgent', { name: event.agentName }) : t('byAnAgent')) : t(`actor.${event.actor}`)}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** The new item for an exchanged line: what it is, the stock when the case was sent, the difference and when it ships. */
function AgentExchange({ exchange }: { exchange: NonNullable<AgentCaseView['lines'][number]['exchange']> }) {
  const { t: tr } = useTranslation('returns');
  const { t: to } = useTranslation('orders');
  const format = useFormatters();
  const stock = exchange.stockLeft === null ? to('caseExchange.stockUntracked') : exchange.stockLeft > 0 ? to('caseExchange.stock', { units: exchange.stockLeft }) : to('caseExchange.stockOut');
  return (
    <div className="space-y-1 rounded-md bg-brand-50 p-2 text-sm">
      <p className="font-semibold">{tr('review.exchangeFor', { item: `${exchange.productTitle} — ${exchange.variantTitle}` })}</p>
      <p>{stock} · {to(`caseExchange.settle.${exchange.settle}`, { amount: format.money(exchange.difference) })}</p>
      <p>{to(`caseExchange.ships.${exchange.ships}`)}</p>
      {exchange.addOnApproval ? <p className="font-medium text-amber-950">{to('caseExchange.addOnApproval')}</p> : null}
    </div>
  );
}

/** The way back for the agent: who makes the label, where the parcel is, and the refund against the estimate. */
function AgentParcel({ shipping }: { shipping: NonNullable<AgentCaseView['shipping']> }) {
  const { t } = useTranslation('agent');
  const { t: tr } = useTranslation('returns');
  const format = useFormatters();
  const { label, refund } = shipping;
  return (
    <section aria-labelledby="agent-parcel" className={card}>
      <h2 id="agent-parcel" className={heading}>{t('parcel.title')}</h2>
      <p className="mt-2 font-medium">{tr(`case.shipping.title.${shipping.stage}`)}</p>
      {shipping.provider ? <p className="mt-1 text-sm text-gray-800">{t('parcel.provider', { provider: t(`parcel.providers.${shipping.provider}`) })}</p> : null}
      {label?.trackingNumber ? (
        <p className="mt-2 break-all">
          {t('parcel.tracking', { carrier: label.carrier ?? '' })}{' '}
          {label.trackingUrl ? <a href={label.trackingUrl} target="_blank" rel="noopener noreferrer" className={link}>{label.trackingNumber}</a> : <span className="font-mono">{label.trackingNumber}</span>}
        </p>
      ) : null}
      {label?.labelUrl ? <p className="mt-1"><a href={label.labelUrl} target="_blank" rel="noopener noreferrer" className={link}>{t('parcel.label')}</a></p> : null}
      {shipping.progress.length ? (
        <ol className="mt-3 space-y-1">
          {shipping.progress.map(({ step, done, at }) => (
            <li key={step} className={done ? 'font-medium' : 'text-gray-700'}>
              {tr(`case.shipping.steps.${step}`)} · {done ? (at ? <time dateTime={at}>{format.dateTime(at)}</time> : tr('case.shipping.done')) : tr('case.shipping.notYet')}
            </li>
          ))}
        </ol>
      ) : null}
      {refund?.amount ? (
        <p className="mt-3 font-medium">
          {t('parcel.refunded', { amount: format.money(refund.amount), method: t(`refund.${refund.method ?? 'none'}`) })}
          {refund.estimate && refund.estimate.amount !== refund.amount.amount ? <span className="block text-sm font-normal text-amber-950">{t('parcel.estimateDiffers', { estimate: format.money(refund.estimate) })}</span> : null}
        </p>
      ) : null}
    </section>
  );
}
