/**
 * Photos accepted at one step of the return form travel to the next as hidden fields. Each key
 * is signed for the shopper's session, so a posted key can only name a photo this session added.
 */
export function signPhotoKey(key: string, sessionId: string, hash: (value: string) => string): string {
  return `${key}.${hash(`photo|${sessionId}|${key}`)}`;
}

/** The photo key, or null when the signature is not this session's. */
export function verifyPhotoKey(signed: string, sessionId: string, hash: (value: string) => string): string | null {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const key = signed.slice(0, dot);
  return signPhotoKey(key, sessionId, hash) === signed ? key : null;
}
