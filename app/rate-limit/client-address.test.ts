import { describe, expect, it } from 'vitest';
import { toClientKey } from './client-address';

describe('toClientKey', () => {
  it('keeps an IPv4 address as one client', () => {
    expect(toClientKey(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(toClientKey('203.0.113.8')).not.toBe(toClientKey('203.0.113.7'));
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(toClientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by /64 whatever their spelling', () => {
    const key = toClientKey('2001:db8:abcd:12::1');
    expect(key).toBe('2001:db8:abcd:12::/64');
    expect(toClientKey('2001:0DB8:ABCD:0012:ffff:1:2:3')).toBe(key);
    expect(toClientKey('2001:db8:abcd:12:0:0:0:99%eth0')).toBe(key);
    expect(toClientKey('2001:db8:abcd:13::1')).not.toBe(key);
  });

  it('expands a leading :: and an embedded IPv4 tail', () => {
    expect(toClientKey('::1')).toBe('0:0:0:0::/64');
    expect(toClientKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything unparseable as given, so it still counts as some client', () => {
    expect(toClientKey('2001:db8::1::2')).toBe('2001:db8::1::2');
    expect(toClientKey('unknown')).toBe('unknown');
  });
});
