import { expect, openOrder, test } from './support/fixtures';

// Orders with the longest content: several parcels, long tracking numbers, foreign addresses.
const SCENARIOS = ['partially-fulfilled', 'usd-united-states', 'cad-canada', 'international-europe', 'tracking-without-carrier'];

for (const scenario of SCENARIOS) {
  test(`the order page fits the phone screen (${scenario})`, async ({ page, demoOrders, isMobile }) => {
    expect(isMobile).toBe(true);
    await openOrder(page, demoOrders.get(scenario));
    for (const summary of await page.locator('summary').all()) await summary.click();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });
}
