import { useTranslation } from 'react-i18next';
import type { PolicySectionView } from '~/policy/policy-page';
import { sectionAnchor } from './policy-section';

/** The sections as in-page links: a long policy on a phone is otherwise a long scroll. */
export function PolicyContents({ sections }: { sections: PolicySectionView[] }) {
  const { t } = useTranslation('policy');
  return (
    <nav aria-labelledby="policy-contents-title" className="rounded-lg bg-white p-5 shadow-sm">
      <h2 id="policy-contents-title" className="text-lg font-semibold text-brand-900">{t('page.contents')}</h2>
      <ol className="mt-2 space-y-1">
        {sections.map((section) => (
          <li key={section.id}>
            <a href={`#${sectionAnchor(section.id)}`} className="text-brand-700 underline underline-offset-2">
              {section.id}. {section.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
