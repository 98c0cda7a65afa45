import { describe, expect, it } from 'vitest';
import { getClauseTitle, interpolate, toPolicyPageView } from './policy-page';
import { buildPolicy } from './test-fixtures';

const clause = (view: ReturnType<typeof toPolicyPageView>, id: string) =>
  view.sections.flatMap((section) => section.clauses).find((c) => c.id === id);

describe('the policy page', () => {
  it('lists sections and clauses in file order, with the policy version', () => {
    const policy = buildPolicy();
    const view = toPolicyPageView(policy, 'en');
    expect(view.version).toBe(policy.version);
    expect(view.sections.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(view.sections[2]?.clauses.map((c) => c.id)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5']);
  });

  it('writes the rules’ numbers into the texts, formatted for the language', () => {
    const en = toPolicyPageView(buildPolicy(), 'en');
    const fr = toPolicyPageView(buildPolicy(), 'fr');
    expect(clause(en, '2.1')?.title).toBe('30 days from delivery');
    expect(clause(fr, '2.1')?.title).toBe('30 jours après la livraison');
    expect(clause(en, '5.3')?.text).toContain('costs €4.90');
    expect(clause(fr, '5.3')?.text).toMatch(/coûte 4,90\s€/);
    expect(clause(en, '6.1')?.text).toContain('a 10% bonus');
    expect(clause(fr, '6.1')?.text).toMatch(/majoré de 10\s%/);
    expect(clause(fr, '1.1')?.text).toContain('France, Belgique, Allemagne, Canada et États-Unis');
    expect(JSON.stringify(fr)).not.toContain('{{');
  });

  it('writes the cancellation hours and limit into its clauses, in both languages', () => {
    const en = toPolicyPageView(buildPolicy(), 'en');
    const fr = toPolicyPageView(buildPolicy(), 'fr');
    expect(clause(en, '8.1')?.title).toBe('Cancel within 12 hours');
    expect(clause(fr, '8.1')?.title).toBe('Annulation sous 12 heures');
    expect(clause(en, '8.1')?.text).toContain('up to 48 hours after your order, or for orders above €300.00');
    expect(clause(fr, '8.1')?.text).toMatch(/jusqu'à 48 heures après votre commande, ou pour les commandes de plus de 300,00\s€/);
    const edited = toPolicyPageView(buildPolicy((p) => { p.cancellation!.windowHours = 24; }), 'en');
    expect(clause(edited, '8.1')?.text).toContain('within 24 hours of placing it');
  });

  it('writes the problem rules’ days, photos and limits into section 10, in both languages', () => {
    const en = toPolicyPageView(buildPolicy(), 'en');
    const fr = toPolicyPageView(buildPolicy(), 'fr');
    expect(clause(en, '10.2')?.text).toContain('still not arrived 3 days after its expected delivery date');
    expect(clause(en, '10.2')?.text).toContain('worth more than €250.00');
    expect(clause(fr, '10.5')?.text).toMatch(/au moins 2\) : nous vous le remboursons/);
    expect(clause(fr, '10.5')?.text).toMatch(/supérieure à 100,00\s€/);
    const edited = toPolicyPageView(buildPolicy((p) => { p.problems!.deliveredNotFound!.reportWithinDays = 10; }), 'en');
    expect(clause(edited, '10.3')?.text).toContain('within 10 days of delivery');
    expect(JSON.stringify([en, fr])).not.toContain('{{');
  });

  it('follows the rules when they change', () => {
    const view = toPolicyPageView(buildPolicy((p) => { p.window.days = 45; }), 'en');
    expect(clause(view, '2.1')?.text).toContain('up to 45 days after delivery');
  });

  it('lists the conditions and the reasons under the clauses that govern them', () => {
    const view = toPolicyPageView(buildPolicy(), 'fr');
    expect(clause(view, '4.1')?.items).toEqual(['Non porté et non lavé', "Étiquettes d'origine toujours attachées", "Renvoyé complet, avec tout ce qui l'accompagnait"]);
    expect(clause(view, '5.1')?.items).toEqual(['Trop petit', 'Trop grand']);
  });

  it('says under the conditions clause which checks each reason asks for', () => {
    const view = toPolicyPageView(buildPolicy(), 'en');
    const checks = clause(view, '4.1')?.checks ?? [];
    expect(checks.find((check) => check.reason === 'Faulty or damaged')?.conditions).toEqual([]);
    expect(checks.find((check) => check.reason === 'Changed my mind')?.conditions).toEqual(['Unworn and unwashed', 'Original tags still attached', 'Returned with everything it came with']);
    expect(clause(view, '5.1')?.checks).toEqual([]);
  });

  it('gives a refusal its clause title, for "Final sale — clause 3.2"', () => {
    expect(getClauseTitle(buildPolicy(), '3.2', 'en')).toBe('Final sale');
    expect(getClauseTitle(buildPolicy(), '9.9', 'en')).toBeNull();
  });

  it('writes the rules\' numbers into a clause title, as the policy page does', () => {
    const policy = buildPolicy((draft) => {
      draft.sections[0]!.clauses[0]!.title = { en: 'Within {{windowDays}} days', fr: 'Sous {{windowDays}} jours' };
    });
    const id = policy.sections[0]!.clauses[0]!.id;
    expect(getClauseTitle(policy, id, 'en')).toBe(`Within ${policy.window.days} days`);
    expect(getClauseTitle(policy, id, 'fr')).toBe(`Sous ${policy.window.days} jours`);
  });

  it('leaves an unknown placeholder visible rather than blank', () => {
    expect(interpolate('{{windowDays}} / {{nope}}', { windowDays: '30' })).toBe('30 / {{nope}}');
  });
});
