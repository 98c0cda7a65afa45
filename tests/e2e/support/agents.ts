import { expect, type Page } from '@playwright/test';

/* The agent's side of a case in the sandbox: its Gorgias ticket, and the agent link in its first note. */

/** An agent link, as the ticket note and the sidebar give it. */
export const AGENT_LINK = /https?:\/\/[^\s]+\/agent\/cases\/[A-Za-z0-9_-]+/;

/** The case's ticket in the sandbox's Gorgias agent view, once a note says `text`. */
export async function openTicket(page: Page, caseId: string, orderName: string, text: string | RegExp) {
  await expect(async () => {
    await page.goto('/__sandbox/gorgias/tickets');
    // "Return C-… · order #1001", "Address change C-… · order #1001": the subject names the kind first.
    await page.getByRole('link', { name: new RegExp(`^\\S.* ${caseId} · (order|commande) ${orderName}$`) }).click({ timeout: 1_000 });
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000] });
}

/** What an agent clicks in the ticket's first note: the case's agent link. */
export async function agentLinkFromTicket(page: Page, caseId: string, orderName: string): Promise<string> {
  await openTicket(page, caseId, orderName, 'Case (agent view):');
  const link = AGENT_LINK.exec(await page.locator('body').innerText())?.[0];
  expect(link, 'agent link in the ticket note').toBeTruthy();
  return new URL(link!).pathname;
}
