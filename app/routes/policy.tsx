import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { PolicyContents } from '~/components/policy/policy-contents';
import { PolicySection } from '~/components/policy/policy-section';
import { getLanguage } from '~/i18n.server';
import { toPolicyPageView } from '~/policy/policy-page';

export const handle = { i18n: ['common', 'policy'] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? 'Comptoir' }];

export async function loader({ request, context: { services } }: LoaderFunctionArgs) {
  // Loaded and validated once at start: a server with a bad policy file never serves this page.
  const policy = toPolicyPageView(services.policy, await getLanguage(request));
  return { policy, title: `${policy.title} · ${services.brand.name}` };
}

export default function PolicyPage() {
  const { policy } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="policy-title" className="space-y-6">
      <header className="rounded-lg bg-white p-5 shadow-sm">
        <h1 id="policy-title" className="text-2xl font-bold text-brand-900">{policy.title}</h1>
        {/* The version hash is for agents (it is in every case's note), not for shoppers. */}
        <p className="mt-1 text-sm text-gray-700">{policy.storeName}</p>
      </header>
      <PolicyContents sections={policy.sections} />
      {policy.sections.map((section) => (
        <PolicySection key={section.id} section={section} />
      ))}
    </article>
  );
}
