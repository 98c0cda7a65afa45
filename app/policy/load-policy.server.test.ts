import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_POLICY_FILE, PolicyFileError, loadPolicyFile, parsePolicy } from './load-policy.server';
import { SAMPLE_TEXT, readSampleData } from './test-fixtures';

/** The sample as loose data: these tests break it on purpose, in ways no type would allow. */
type Data = Record<string, any>;

function issuesOf(text: string) {
  try {
    parsePolicy(text, 'test.policy.yaml');
  } catch (error) {
    if (error instanceof PolicyFileError) return error.issues;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

/** Edits the sample as data, then asks the loader what it thinks of the result. */
function issuesAfter(edit: (data: Data) => void) {
  const data = readSampleData() as Data;
  edit(data);
  return issuesOf(stringify(data)).map((issue) => [issue.path.join('.'), issue.message]);
}

describe('loading the policy file', () => {
  it('loads the sample, versioned by the hash of its bytes', async () => {
    const policy = await loadPolicyFile(DEFAULT_POLICY_FILE);
    expect(policy.version).toBe(createHash('sha256').update(SAMPLE_TEXT).digest('hex').slice(0, 12));
    expect(policy.version).toMatch(/^[0-9a-f]{12}$/);
    expect(policy.store).toEqual({ name: 'Maison Lumière', currency: 'EUR', shipsTo: ['FR', 'BE', 'DE', 'CA', 'US'] });
  });

  it('changes the version with any edit, even a comment', () => {
    expect(parsePolicy(`${SAMPLE_TEXT}\n# edited\n`, 'x').version).not.toBe(parsePolicy(SAMPLE_TEXT, 'x').version);
  });

  it('reads JSON as well as YAML', () => {
    expect(parsePolicy(JSON.stringify(readSampleData()), 'policy.json').reasons).toHaveLength(7);
  });

  it('refuses a missing file with a readable error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'comptoir-policy-'));
    await expect(loadPolicyFile(join(dir, 'missing.yaml'))).rejects.toThrow(/missing\.yaml is not valid:\n {2}- \(file\): cannot be read/);
    await writeFile(join(dir, 'ok.yaml'), SAMPLE_TEXT);
    await expect(loadPolicyFile(join(dir, 'ok.yaml'))).resolves.toMatchObject({ format: 1 });
  });

  it('points YAML syntax errors at their line', () => {
    const [issue] = issuesOf('format: 1\nstore: { name: Comptoir, currency: EUR\n');
    expect(issue?.line).toBe(3);
  });

  it('names the path and the line of a bad field', () => {
    const text = SAMPLE_TEXT.replace('  days: 30\n', '  days: thirty\n');
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: ['window', 'days'], line: text.split('\n').indexOf('  days: thirty') + 1 });
    try { parsePolicy(text, 'shop.yaml'); } catch (error) {
      expect(String(error)).toMatch(/The return policy shop\.yaml is not valid:\n {2}- window\.days \(line \d+\): /);
    }
  });

  it.each<[string, (d: Data) => void, string, RegExp]>([
    ['a missing rule', (d) => { delete d.giftCards; }, 'giftCards', /^is missing$/],
    ['an unquoted clause number', (d) => { d.window.clause = 2.1; }, 'window.clause', /clause number/],
    ['a misspelt key', (d) => { d.reasons[1].photo = 2; }, 'reasons.1', /Unrecognized key: "photo"/],
    ['a negative photo count', (d) => { d.reasons[2].photos = -1; }, 'reasons.2.photos', />=0/],
    ['an unknown outcome', (d) => { d.reasons[0].outcomes = ['refund', 'voucher']; }, 'reasons.0.outcomes.1', /refund/],
    ['a malformed amount', (d) => { d.keepItem.below = '15,00'; }, 'keepItem.below', /./],
    ['a reason asking for a condition no item defines', (d) => { d.reasons[2].conditions = ['unwashed']; }, 'reasons.2.conditions.0', /must be one of conditions\.items: unworn/],
    ['an untranslated label', (d) => { delete d.conditions.items[0].label.fr; }, 'conditions.items.0.label.fr', /^is missing$/],
    ['a clause no section defines', (d) => { d.exclusions[0].clause = '3.9'; }, 'exclusions.0.clause', /"3\.9", which no section defines/],
    ['a clause defined twice', (d) => { d.sections[2].clauses[1].id = '3.1'; }, 'sections.2.clauses.1.id', /appears twice/],
    ['a clause outside its section', (d) => { d.sections[0].clauses[1].id = '2.9'; }, 'sections.0.clauses.1.id', /must start with its section number "1\."/],
    ['an unknown placeholder', (d) => { d.sections[1].clauses[0].text.fr += ' {{jours}}'; }, 'sections.1.clauses.0.text.fr', /\{\{jours\}\}/],
    ['a customer-paid return with no fee', (d) => { delete d.reasons[5].returnShipping.fee; }, 'reasons.5.returnShipping.fee', /customer pays/],
    ['an amount missing the store currency', (d) => { d.review.maxOrderValue = { USD: '660.00' }; }, 'review.maxOrderValue', /store currency EUR/],
    ['a reason repeated', (d) => { d.reasons[1].id = 'size-too-small'; }, 'reasons.1.id', /appears twice/],
    ['an unknown label provider', (d) => { d.reasons[0].labelProvider = 'ups'; }, 'reasons.0.labelProvider', /must be loop, aftership or store/],
    ['store credit offered but disabled', (d) => { d.refunds.storeCredit.enabled = false; }, 'reasons.0.outcomes', /storeCredit/],
    ['a cancellation clause no section defines', (d) => { d.cancellation.clause = '8.9'; }, 'cancellation.clause', /"8\.9", which no section defines/],
    ['an excluded tag with a clause no section defines', (d) => { d.cancellation.excludedTags[0].clause = '99.1'; }, 'cancellation.excludedTags.0.clause', /"99\.1"/],
    ['a review window shorter than the self-service one', (d) => { d.cancellation.reviewWindowHours = 6; }, 'cancellation.reviewWindowHours', /at least windowHours/],
    ['hours that are not whole', (d) => { d.cancellation.windowHours = 1.5; }, 'cancellation.windowHours', /int/],
    ['a cancellation limit missing the store currency', (d) => { d.cancellation.maxValue = { USD: '330.00' }; }, 'cancellation.maxValue', /store currency EUR/],
    ['an unknown cancellation refund method', (d) => { d.cancellation.refundMethod = 'cash'; }, 'cancellation.refundMethod', /original_payment/],
    ['an excluded tag with no outcome it knows', (d) => { d.cancellation.excludedTags[0].then = 'ignore'; }, 'cancellation.excludedTags.0.then', /review/],
    ['a cancellation placeholder without the section', (d) => { delete d.cancellation; }, 'sections.7.clauses.0.title.en', /\{\{cancellationWindowHours\}\} is not a value/],
  ])('refuses %s, naming its path', (_, edit, path, message) => {
    const issues = issuesAfter(edit);
    expect(issues.find(([p]) => p === path), JSON.stringify(issues)).toEqual([path, expect.stringMatching(message)]);
  });

  describe('the cancellation section', () => {
    it('is optional: without it and its clauses, the policy loads and offers no cancellation', () => {
      const data = readSampleData() as Data;
      delete data.cancellation;
      data.sections = data.sections.filter((section: Data) => section.id !== '8');
      expect(parsePolicy(stringify(data), 'x').cancellation).toBeUndefined();
    });

    it('fills the defaults: no review period, whole orders, refunded to the original payment, restocked, notified', () => {
      const data = readSampleData() as Data;
      // The sample's clause quotes the limit, so it stays.
      data.cancellation = { clause: '8.1', windowHours: 6, maxValue: '300.00' };
      expect(parsePolicy(stringify(data), 'x').cancellation).toEqual({
        clause: '8.1', windowHours: 6, reviewWindowHours: 6, maxValue: '300.00', excludedTags: [], partial: false,
        refundMethod: 'original_payment', restock: true, notifyCustomer: true,
      });
    });
  });

  describe('EU/UK guardrail', () => {
    it('refuses store credit as the only refund of a cancelled order', () => {
      expect(issuesAfter((d) => { d.cancellation.refundMethod = 'store_credit'; })).toEqual([
        ['cancellation.refundMethod', expect.stringMatching(/^ships to FR, BE, DE: .*original means of payment/)],
      ]);
      const data = readSampleData() as Data;
      data.cancellation.refundMethod = 'shopper_choice';
      expect(parsePolicy(stringify(data), 'x').cancellation?.refundMethod).toBe('shopper_choice');
    });


    it('refuses a window under 14 days when the store ships to the EU', () => {
      expect(issuesAfter((d) => { d.window.days = 10; })).toEqual([
        ['window.days', 'ships to FR, BE, DE: EU and UK law give shoppers 14 days after delivery to return an order; this policy gives 10'],
      ]);
    });

    it('refuses store credit as the only refund', () => {
      expect(issuesAfter((d) => { d.refunds.originalPayment = false; })).toEqual([
        ['refunds.originalPayment', expect.stringMatching(/^ships to FR, BE, DE: .*only store credit/)],
      ]);
    });

    it('refuses a window counted from the order date', () => {
      expect(issuesAfter((d) => { d.window.countFrom = ['order']; }).map(([p]) => p)).toEqual(['window.countFrom']);
    });

    it('accepts exactly 14 days', () => {
      expect(() => parsePolicy(SAMPLE_TEXT.replace('  days: 30\n', '  days: 14\n'), 'x')).not.toThrow();
    });

    it('leaves stores that ship only outside the EU/UK to their own rules', () => {
      const data = readSampleData() as Data;
      data.store.shipsTo = ['CA', 'US'];
      data.window.days = 10;
      data.refunds.originalPayment = false;
      data.reasons.forEach((reason: Data) => { reason.outcomes = ['store_credit', 'exchange']; });
      data.cancellation.refundMethod = 'store_credit';
      expect(parsePolicy(stringify(data), 'x').window.days).toBe(10);
    });

    it('counts the UK as well as the EU', () => {
      expect(issuesAfter((d) => { d.store.shipsTo = ['GB']; d.window.days = 7; })[0]?.[1]).toMatch(/^ships to GB:/);
    });
  });
});
