/**
 * The new words of a mail: the quoted earlier mail and the signature cut off, in English and
 * Portuguese (contract §10). Written here rather than taken from `email-reply-parser`, which
 * knows English headers only and not Outlook's `De:`/`Enviado:` block.
 */

/** A line that starts the quoted earlier mail; everything from it on goes. */
const QUOTE_HEADERS: RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 1 Dec 2026 at 10:00, Ana <ana@x> wrote:"
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  // The same in Portuguese: "Em seg., 1 de dez. de 2026 às 10:00, Ana <ana@x> escreveu:"
  /^\s*Em\b.{0,300}\bescreveu:\s*$/i,
  /^\s*-{2,}\s*(?:Original Message|Mensagem original|Forwarded message|Mensagem encaminhada)\s*-{2,}\s*$/i,
  // Outlook's rule above its header block.
  /^\s*_{10,}\s*$/,
];

/** Outlook's header block: a From:/De: line followed closely by Sent/Date/To/Subject lines. */
const OUTLOOK_FROM = /^\s*\*?(?:From|De)\s*:\*?\s+\S/i;
const OUTLOOK_FIELD = /^\s*\*?(?:Sent|Date|To|Cc|Subject|Enviado|Enviada|Data|Para|Assunto)\s*:\*?/i;

/** Where a signature begins: the standard `-- ` line, and the phones' one-liners. */
const SIGNATURE = [/^-- ?$/, /^\s*(?:Sent from my|Enviado do meu|Enviado de meu|Get Outlook for|Obter o Outlook para)\b.{0,60}$/i];

function isOutlookBlock(lines: readonly string[], at: number): boolean {
  if (!OUTLOOK_FROM.test(lines[at])) return false;
  return lines.slice(at + 1, at + 5).filter((l) => OUTLOOK_FIELD.test(l)).length >= 2;
}

/** A quote header a mail client wrapped onto two lines ("On …, Ana <ana@x>" / "wrote:"). */
const joinedWithNext = (lines: readonly string[], at: number): string => `${lines[at]} ${lines[at + 1] ?? ''}`;

function quoteStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (QUOTE_HEADERS.some((re) => re.test(line))) return i;
    if (/^\s*(?:On|Em)\b/i.test(line) && QUOTE_HEADERS.slice(0, 2).some((re) => re.test(joinedWithNext(lines, i)))) return i;
    if (isOutlookBlock(lines, i)) return i;
    if (SIGNATURE.some((re) => re.test(line))) return i;
  }
  return lines.length;
}

/** The mail's own new text: earlier mail, `>` quotes and signature removed; blank lines at the ends trimmed. */
export function stripQuotes(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const own = lines.slice(0, quoteStart(lines)).filter((l) => !/^\s*>/.test(l));
  return own.join('\n').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}
