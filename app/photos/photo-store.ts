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
}
