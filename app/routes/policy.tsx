import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PolicyContents } from '~/components/policy/policy-contents';
import { PolicySection } from '~/components/policy/policy-section';
import { getLanguage } from '~/i18n.server';
import { toPolicyPageView } from '~/policy/policy-page';
import type { Policy } from '~/policy/policy-schema';
import type { Services } from '~/services.server';

export const handle = { i18n: ['common', 'policy'] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }];

/**
 * The composition root loads the policy once, at start (`services.policy`). Typed as optional
 * here so this page compiles before and after that wiring lands; without it, a 503.
 */
function requirePolicy(services: Services & { policy?: Policy }): Policy {
  if (!services.policy) throw new Response('The return policy is not loaded', { status: 503 });
  return services.policy;
}

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  const policy = toPolicyPageView(requirePolicy(services), await getLanguage(request));
  return { policy, title: `${policy.title} · Comptoir` };
}

export default function PolicyPage() {
  const { policy } = useLoaderData<typeof loader>();
  const { t } = useTranslation('policy');
  return (
    <article aria-labelledby="policy-title" className="space-y-6">
      <header className="rounded-lg bg-white p-5 shadow-sm">
        <h1 id="policy-title" className="text-2xl font-bold text-brand-900">{policy.title}</h1>
        <p className="mt-1 text-sm text-gray-700">
          {policy.storeName} · {t('page.version', { version: policy.version })}
        </p>
      </header>
      <PolicyContents sections={policy.sections} />
      {policy.sections.map((section) => (
        <PolicySection key={section.id} section={section} />
      ))}
    </article>
  );
}
