/** Secrets arrive from URLs and cookies: only our own shape (256 bits, base64url) is looked up. */
export const looksLikeSecret = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
