/**
 * One structured line per event on stdout. Callers pass hashed identifiers only: no emails, order
 * numbers, names or addresses ever reach a log.
 */
type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields) {
  if (process.env.COMPTOIR_LOG === 'silent') return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  (level === 'error' ? console.error : console.log)(line);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};

/**
 * A request refused for what the client sent (a 4xx we expected): one warn line with the status
 * and a reason from our own list, never a stack, and never the request's own words, which an
 * attacker chooses.
 */
export const logClientError = (event: string, fields: Fields & { status: number }) => write('warn', event, fields);
