import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress } from './progress-bar';
import { formatChanges, formatTable, percent } from './report';

describe('the simulator report', () => {
  it('pads columns to the widest cell and right-aligns numbers', () => {
    expect(formatTable([['Lines', 'count'], ['refused', '7'], ['auto-approved', '12']], [1])).toEqual([
      '  Lines          count',
      '  refused            7',
      '  auto-approved     12',
    ]);
    expect([percent(1, 3), percent(0, 0)]).toEqual(['33.3%', '–']);
  });

  it('shows a change as order, line, before → after and clause', () => {
    const lines = formatChanges([{
      orderId: 'gid://shopify/Order/1', orderName: '#1006', fulfillmentLineItemId: 'gid://shopify/FulfillmentLineItem/1',
      title: 'Pull Camionneur', sku: 'PUL-BDX-M', before: 'not_eligible', after: 'eligible', clauseIds: ['2.1'],
    }]);
    expect(lines[1]).toBe('  #1006  Pull Camionneur (PUL-BDX-M)  refused  →  auto-approved  2.1');
    expect(formatChanges([])).toEqual(['  no line changes outcome']);
  });
});

describe('the progress bar', () => {
  it('fills in proportion to the orders read', () => {
    expect(renderProgress(0, 4, 8)).toBe('[........] 0/4 orders');
    expect(renderProgress(3, 4, 8)).toBe('[######..] 3/4 orders');
    expect(renderProgress(0, 0, 4)).toBe('[####] 0/0 orders');
  });

  it('draws on a terminal and stays silent in a pipe or a file', () => {
    const written: string[] = [];
    const terminal = createProgressBar({ isTTY: true, write: (text: string) => written.push(text) });
    terminal.update(1, 2);
    terminal.finish();
    expect(written).toEqual([`\r${renderProgress(1, 2)}`, '\r\x1b[2K']);
    const piped: string[] = [];
    const bar = createProgressBar({ isTTY: false, write: (text: string) => piped.push(text) });
    bar.update(1, 2);
    bar.finish();
    expect(piped).toEqual([]);
  });
});
