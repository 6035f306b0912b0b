import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for a link, a session cookie or a CSRF token: 256 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps instead of a secret. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Secrets arrive from URLs and cookies: only our own shape is looked up. */
export const looksLikeSecret = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
