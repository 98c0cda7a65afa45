import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { PolicyFileError, parsePolicy } from './load-policy.server';
import { readSampleData } from './test-fixtures';

/** The sample as loose data: these tests break it on purpose, in ways no type would allow. */
type Data = Record<string, any>;

function issuesAfter(edit: (data: Data) => void): Array<[string, string]> {
  const data = readSampleData() as Data;
  edit(data);
  try {
    parsePolicy(stringify(data), 'test.policy.yaml');
  } catch (error) {
    if (error instanceof PolicyFileError) return error.issues.map((issue) => [issue.path.join('.'), issue.message]);
    throw error;
  }
  return [];
}

const withoutSection10 = (data: Data) => { data.sections = data.sections.filter((section: Data) => section.id !== '10'); };

/** Clause 10.5 quotes the damaged and wrong-item rules; a test removing one words it plainly. */
const withPlainClause105 = (data: Data) => {
  const clause = data.sections.flatMap((section: Data) => section.clauses).find((c: Data) => c.id === '10.5');
  clause.text = { en: 'Tell us.', fr: 'Dites-le-nous.' };
};

describe('the problems section of the policy file', () => {
  it('loads from the sample, filling the defaults', () => {
    const problems = parsePolicy(stringify(readSampleData()), 'x').problems;
    expect(problems?.notReceived).toEqual({ clause: '10.2', offer: 'reship', graceDays: 3, transitDays: 5, carrierIssueDays: 10, maxValue: { EUR: '250.00', CAD: '375.00', USD: '275.00' } });
    expect(problems?.missingItem?.photos).toBe(0);
    expect(problems?.damaged).toMatchObject({ offer: 'refund', photos: 2, reportWithinDays: 30 });
    expect(problems?.deliveryQuestion).toEqual({ clause: '10.6' });
  });

  it('is optional: without it and its clauses, the policy loads and offers no report', () => {
    const data = readSampleData() as Data;
    delete data.problems;
    withoutSection10(data);
    expect(parsePolicy(stringify(data), 'x').problems).toBeUndefined();
  });

  it.each<[string, (d: Data) => void, string, RegExp]>([
    ['a misspelt key', (d) => { d.problems.damaged.photo = 2; }, 'problems.damaged', /Unrecognized key: "photo"/],
    ['an unknown offer', (d) => { d.problems.missingItem.offer = 'voucher'; }, 'problems.missingItem.offer', /reship, refund, store_credit or review/],
    ['grace days that are not whole', (d) => { d.problems.notReceived.graceDays = 1.5; }, 'problems.notReceived.graceDays', /int/],
    ['a report window of zero days', (d) => { d.problems.deliveredNotFound.reportWithinDays = 0; }, 'problems.deliveredNotFound.reportWithinDays', />=1/],
    ['a clause no section defines', (d) => { d.problems.wrongItem.clause = '10.9'; }, 'problems.wrongItem.clause', /"10\.9", which no section defines/],
    ['a limit missing the store currency', (d) => { d.problems.damaged.maxValue = { USD: '110.00' }; }, 'problems.damaged.maxValue', /store currency EUR/],
    ['store credit offered but disabled', (d) => { d.refunds.storeCredit.enabled = false; d.problems.missingItem.offer = 'store_credit'; }, 'problems.missingItem.offer', /refunds\.storeCredit/],
    ['a placeholder whose rule is gone', (d) => { delete d.problems.deliveredNotFound; }, 'sections.9.clauses.2.text.en', /\{\{problems\.deliveredNotFound\.reportWithinDays\}\} is not a value/],
  ])('refuses %s, naming its path', (_, edit, path, message) => {
    const issues = issuesAfter(edit);
    expect(issues.find(([p]) => p === path), JSON.stringify(issues)).toEqual([path, expect.stringMatching(message)]);
  });

  describe('EU/UK guardrail: a damaged or wrong item is owed a remedy', () => {
    it('refuses store credit alone for a damaged or a wrong item', () => {
      expect(issuesAfter((d) => { d.problems.wrongItem.offer = 'store_credit'; })).toEqual([
        ['problems.wrongItem.offer', expect.stringMatching(/^ships to FR, BE, DE: .*store credit alone is not one/)],
      ]);
    });

    it('refuses a problems section with no rule for damaged items', () => {
      const issues = issuesAfter((d) => { delete d.problems.damaged; withPlainClause105(d); });
      expect(issues).toEqual([['problems.damaged', expect.stringMatching(/^ships to FR, BE, DE: .*add a damaged rule/)]]);
    });

    it('accepts review, which sends every report to a person', () => {
      expect(issuesAfter((d) => { d.problems.damaged.offer = 'review'; d.problems.wrongItem.offer = 'review'; })).toEqual([]);
    });

    it('leaves stores that ship only outside the EU/UK to their own rules', () => {
      const issues = issuesAfter((d) => {
        d.store.shipsTo = ['CA', 'US'];
        d.problems.damaged.offer = 'store_credit';
        delete d.problems.wrongItem;
        withPlainClause105(d);
      });
      expect(issues).toEqual([]);
    });
  });
});
