import { randomBytes } from 'node:crypto';

const PHOTO_KEY_BYTES = 32;
// 32 bytes in unpadded base64url: no dot or slash, so a key can never name another path.
const PHOTO_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh photo key: 256 random bits, URL- and file-name-safe. */
export function createPhotoKey(): string {
  return randomBytes(PHOTO_KEY_BYTES).toString('base64url');
}

/** True only for keys `createPhotoKey` could have made; stores and URLs check this first. */
export function isWellFormedPhotoKey(key: string): boolean {
  return PHOTO_KEY_PATTERN.test(key);
}

/** Owners are keyed hashes: hex or base64url, nothing that could name another folder or row. */
const PHOTO_OWNER_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** Checks a pending-photo owner before any store uses it. @throws TypeError for anything else */
export function requirePhotoOwner(owner: string): string {
  if (!PHOTO_OWNER_PATTERN.test(owner)) throw new TypeError('a pending-photo owner must be an opaque id');
  return owner;
}
