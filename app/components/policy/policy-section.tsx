import type { PolicySectionView } from '~/policy/policy-page';
import { PolicyClause } from './policy-clause';

export const sectionAnchor = (sectionId: string) => `section-${sectionId}`;

/** A numbered section of the policy, with its clauses. */
export function PolicySection({ section }: { section: PolicySectionView }) {
  const anchor = sectionAnchor(section.id);
  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className="scroll-mt-4 rounded-lg bg-white p-5 shadow-sm">
      <h2 id={`${anchor}-title`} className="text-xl font-bold text-brand-900">
        {section.id}. {section.title}
      </h2>
      <div className="mt-2 space-y-2">
        {section.clauses.map((clause) => (
          <PolicyClause key={clause.id} clause={clause} />
        ))}
      </div>
    </section>
  );
}
