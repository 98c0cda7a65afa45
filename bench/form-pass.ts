/**
 * What a browser posts a portal form with: the token the page put in it, the cookies it is bound
 * to (the page's own anti-forgery cookie, plus `cookie` when given, e.g. a session) and the page's
 * Origin. Every form action refuses a post without them.
 */
export async function formPass(portal: string, path = '/', cookie?: string): Promise<{ token: string; headers: Record<string, string> }> {
  const response = await fetch(`${portal}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const token = /name="csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (!token) throw new Error(`GET ${path} has no form token (status ${response.status})`);
  const set = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
  return { token, headers: { Origin: portal, Cookie: [cookie, ...set].filter(Boolean).join('; ') } };
}
