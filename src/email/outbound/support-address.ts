/** EMAIL_FROM (`support@acme.example` or `Acme Support <support@acme.example>`) as its parts. */
export interface SupportAddress {
  address: string;
  /** The display name EMAIL_FROM gives, or null. */
  name: string | null;
  domain: string;
}

export function supportAddressOf(emailFrom: string): SupportAddress {
  const angled = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(emailFrom);
  const address = (angled ? angled[2] : emailFrom.trim()).toLowerCase();
  const name = angled ? angled[1].replace(/^"(.*)"$/, '$1').trim() || null : null;
  return { address, name, domain: address.slice(address.lastIndexOf('@') + 1) };
}
