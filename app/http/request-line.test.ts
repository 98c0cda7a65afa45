import { describe, expect, it } from 'vitest';
import { checkRequestLine, isValidHost } from './request-line';

const ok = { method: 'GET', target: '/order', host: '127.0.0.1:3000' };

describe('checkRequestLine', () => {
  it('lets ordinary requests through', () => {
    expect(checkRequestLine(ok)).toBeNull();
    expect(checkRequestLine({ ...ok, method: 'POST', target: '/?index', host: 'portal.example.com' })).toBeNull();
    expect(checkRequestLine({ ...ok, host: '[::1]:3000', target: '/policy?lng=fr#x' })).toBeNull();
    expect(checkRequestLine({ ...ok, target: '/photos/%C3%A9t%C3%A9' })).toBeNull();
  });

  it('refuses methods fetch cannot carry with a 405', () => {
    expect(checkRequestLine({ ...ok, method: 'TRACE' })).toEqual({ status: 405, reason: 'method' });
    expect(checkRequestLine({ ...ok, method: 'CONNECT' })).toEqual({ status: 405, reason: 'method' });
    expect(checkRequestLine({ ...ok, method: 'PROPFIND' })).toEqual({ status: 405, reason: 'method' });
  });

  it('refuses the asterisk and absolute forms of the target', () => {
    expect(checkRequestLine({ ...ok, target: '*' })).toEqual({ status: 400, reason: 'target' });
    expect(checkRequestLine({ ...ok, target: 'http://x/' })).toEqual({ status: 400, reason: 'target' });
  });

  it('refuses a missing or malformed Host, and a malformed forwarded host', () => {
    for (const host of [undefined, '', '[bad', 'a b', 'x/y', 'user@host', 'host:99999999', 'a..b']) {
      expect(checkRequestLine({ ...ok, host }), String(host)).toEqual({ status: 400, reason: 'host' });
    }
    expect(checkRequestLine({ ...ok, forwardedHost: 'evil/x' })).toEqual({ status: 400, reason: 'host' });
    expect(checkRequestLine({ ...ok, forwardedHost: 'portal.example.com, 10.0.0.1' })).toBeNull();
  });

  it('refuses a path that does not percent-decode', () => {
    expect(checkRequestLine({ ...ok, target: '/%E0%A4%A' })).toEqual({ status: 400, reason: 'path' });
    expect(checkRequestLine({ ...ok, target: '/%' })).toEqual({ status: 400, reason: 'path' });
    // Only the path: a query string is the route's to read.
    expect(checkRequestLine({ ...ok, target: '/?q=%' })).toBeNull();
  });
});

describe('isValidHost', () => {
  it('knows names, IPv4 and bracketed IPv6, with a port', () => {
    expect(['localhost', 'localhost:3000', 'shop.example.com.', '10.0.0.1:80', '[2001:db8::1]:443'].every(isValidHost)).toBe(true);
  });
});
