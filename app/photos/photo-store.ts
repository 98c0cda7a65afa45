import type { PhotoContentType } from './inspect-photo';

/** A stored photo as the store gives it back. */
export type StoredPhoto = { bytes: Uint8Array; contentType: PhotoContentType };

/**
 * Where accepted photos live (a local folder by default; object storage fits the same port).
 * Stores only bytes that went through `inspectPhoto` and `stripMetadata`; serving them is the
 * photo route's job, behind a signed URL.
 */
export interface PhotoStore {
  /**
   * Stores the bytes under a fresh key: 256 random bits, URL-safe, never derived from the file
   * name or anything else the shopper sent, so keys can be neither guessed nor steered.
   */
  put(bytes: Uint8Array, contentType: PhotoContentType): Promise<{ key: string }>;
  /** The photo, or null for an unknown key. A malformed key is answered as unknown. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes the photo; unknown and malformed keys are ignored, so retries are safe. */
  delete(key: string): Promise<void>;
  /**
   * The photos one shopper session uploaded for a form it has not sent yet. They are never
   * served, count against that session's quota, and are swept when left behind.
   */
  pending(owner: string): PendingPhotos;
  /** Removes pending photos stored before `before` (forms abandoned); returns how many went. */
  sweep(before: Date): Promise<number>;
}

/** One owner's pending photos; `owner` is an opaque, URL-safe id (a keyed hash of the session). */
export interface PendingPhotos {
  /** Stores inspected, stripped bytes as pending, under a fresh key. */
  put(bytes: Uint8Array, contentType: PhotoContentType): Promise<{ key: string }>;
  /** One of this owner's pending photos, for its thumbnail; null when it is not (or no longer) pending. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes one pending photo; unknown keys are ignored. */
  delete(key: string): Promise<void>;
  /** How many pending photos this owner has, and their bytes: what its quota is checked against. */
  usage(): Promise<{ count: number; bytes: number }>;
  /**
   * Makes pending photos permanent (their case was opened); returns the keys that were this
   * owner's and are now kept (already kept ones included, so a retry is safe).
   */
  keep(keys: readonly string[]): Promise<string[]>;
}
