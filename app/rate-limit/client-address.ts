/**
 * Groups client addresses the way an attacker's resources are grouped: one IPv4 address is one
 * client, but anyone with IPv6 usually holds a whole /64 and could rotate through it to dodge a
 * per-address cap. So IPv6 addresses count per /64 (IPv4-mapped ones count as IPv4).
 * Anything unparseable is kept as given, trimmed and lower-cased.
 */
export function toClientKey(address: string): string {
  const clean = address.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(clean);
  if (mapped?.[1]) return mapped[1];
  if (!clean.includes(':')) return clean;
  const groups = expandIpv6(clean);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : clean;
}

function expandIpv6(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const head = splitGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? splitGroups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}

/** Splits colon groups, turning a trailing dotted IPv4 part into its two hex groups. */
function splitGroups(part: string): string[] | null {
  if (part === '') return [];
  const groups = part.split(':');
  const last = groups[groups.length - 1] ?? '';
  if (!last.includes('.')) return groups;
  const parts = last.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    return null;
  }
  const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
  return [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
