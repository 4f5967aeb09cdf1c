/** E-mail (.eml) → article: newsletter subjects and footers are noise, the sender names the outlet. */
import iconv from 'iconv-lite';
import PostalMime from 'postal-mime';
import { cleanText, emptyArticle, textKey, tidyName, type ArticleFields } from './article';
import { findDate } from './dates';
import { canonicalEncoding } from './decode';
import { parseHtml } from './html';
import { parsePlainText } from './plain-text';
import { RefusalError } from './refusal-error';

const SUBJECT_PREFIX_RE =
  /^\s*((re|fwd?|fw|aw|wg|tr|sv|vs|rv|enc|res|ответ|пересл)\s*(\[\d+\])?\s*:\s*|\[[^\]]{1,60}\]\s*)+/iu;
const NOISE_RE =
  /\b(newsletter|briefing|digest|daily|weekly|morning|evening|edition|alert|alerts|update|roundup|round-up|bulletin|breaking news|top stories|headlines|today|this week|рассылка|дайджест|утренний|вечерний|نشرة|lettre d'information|infolettre|rundbrief|boletín|resumen)\b/iu;
const SENDER_NOISE_RE =
  /\s*[-–|:]?\s*\b(newsletters?|news ?alerts?|alerts?|briefings?|digest|no-?reply|team|editors?|redaktion|rédaction|рассылка)\b\s*$/iu;

/** Removes list tags, reply/forward prefixes and newsletter decorations from a subject. */
export function cleanSubject(subject: string): string {
  let s = cleanText(subject);
  for (let i = 0; i < 5; i++) {
    const next = s.replace(SUBJECT_PREFIX_RE, '');
    if (next === s) break;
    s = next;
  }
  // "Your morning briefing: Headline" / "Headline – morning briefing" / "Headline | Newsletter".
  const parts = s.split(/\s+[|–—-]\s+|:\s+/u);
  if (parts.length > 1) {
    const kept = parts.filter((p) => !(NOISE_RE.test(p) && p.split(/\s+/).length <= 5));
    if (kept.length && kept.length < parts.length) s = kept.join(' – ');
  }
  return cleanText(s);
}

/** Node's TextDecoder maps windows-1252 0x80–0x9F to C1 controls; restore the real characters. */
function fixC1(s: string): string {
  return /[\u0080-\u009f]/.test(s)
    ? s.replace(/[\u0080-\u009f]/g, (c) =>
        iconv.decode(Buffer.from([c.charCodeAt(0)]), 'windows-1252'),
      )
    : s;
}

export function declaredMailCharset(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65_536)).toString(
    'latin1',
  );
  const m = /content-type:\s*text\/(?:plain|html)[^]*?charset\s*=\s*"?([\w.:-]+)/i.exec(head);
  return m?.[1] ? canonicalEncoding(m[1]) : 'utf-8';
}

const FORWARD_MARK_RE =
  /^\s*(-{2,}\s*(forwarded message|original message|weitergeleitete nachricht|ursprüngliche nachricht|message transféré|message d'origine|mensaje reenviado|mensaje original|messaggio inoltrato|пересылаемое сообщение|исходное сообщение)\s*-*|begin forwarded message:?|début du message réexpédié\s*:?|anfang der weitergeleiteten nachricht:?)\s*$/iu;
const FORWARD_HEADER_RE =
  /^\s*(from|date|sent|subject|to|cc|reply-to|von|gesendet|datum|betreff|an|de|envoyé|objet|à|asunto|para|enviado|fecha|от|дата|тема|кому|отправлено|da|inviato|oggetto|a)\s*:/iu;

/** Drops "Forwarded message" banners with their header lines, and '>' quoting of the whole body. */
export function unwrapForwarded(text: string): { text: string; from: string } {
  let from = '';
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const quoted = lines.filter((l) => /^\s*>/.test(l)).length;
  const nonEmpty = lines.filter((l) => l.trim()).length;
  const unquoted = quoted > nonEmpty * 0.6 ? lines.map((l) => l.replace(/^\s*(>\s?)+/, '')) : lines;
  const out: string[] = [];
  for (let i = 0; i < unquoted.length; i++) {
    const line = unquoted[i] as string;
    if (FORWARD_MARK_RE.test(line)) {
      // Skip the banner and the header lines right after it.
      while (
        i + 1 < unquoted.length &&
        (FORWARD_HEADER_RE.test(unquoted[i + 1] as string) || !(unquoted[i + 1] as string).trim())
      ) {
        i++;
        const fm = /^\s*(?:from|von|de|от|da)\s*:\s*"?([^"<\n]*?)"?\s*(?:<[^>]*>)?\s*$/iu.exec(
          unquoted[i] as string,
        );
        if (fm?.[1] && !from && !fm[1].includes('@')) from = fm[1].trim();
        if (
          !(unquoted[i] as string).trim() &&
          i + 1 < unquoted.length &&
          !FORWARD_HEADER_RE.test(unquoted[i + 1] as string)
        )
          break;
      }
      continue;
    }
    out.push(line);
  }
  return { text: out.join('\n'), from };
}

type TextEntries = Partial<Record<'plain' | 'html', unknown[]>>;
interface CollectedNode {
  contentId?: string;
  content?: ArrayBuffer;
  contentType: { multipart?: string | false };
}
/** The internals of postal-mime's parser that the hooks below use. */
interface ParserInternals {
  textMap: Map<unknown, TextEntries>;
  textTypes: Set<'plain' | 'html'>;
  collectAttachment(
    node: CollectedNode,
    content: ArrayBuffer,
    related: boolean,
    deep: boolean,
  ): void;
}
/** postal-mime's own hooks, called from the overrides. */
const base = PostalMime.prototype as unknown as {
  collectNode(node: unknown, alternative: unknown, related: boolean): Promise<void>;
  renderTextContent(): void;
};

/**
 * postal-mime with two of its body rules changed (both are internal hooks of its class,
 * covered by the e-mail tests):
 * - a text part with a Content-ID after the body of a multipart/related is a resource the
 *   HTML refers to (cid:), not body text;
 * - neither body is made from the other: postal-mime renders a node that has only HTML
 *   into the text body with its own HTML-to-text (and plain parts into the HTML body), so
 *   multipart/mixed mail got CSS url(…), file: and data: links as text. The app's own
 *   extractor reads the HTML instead.
 */
class BodyPartsParser extends PostalMime {
  async collectNode(node: CollectedNode, alternative: unknown, related: boolean): Promise<void> {
    const self = this as unknown as ParserInternals;
    // In multipart/related the first part is the body; a later text part with a Content-ID
    // is a resource the body refers to by cid:, kept as an attachment.
    if (
      related &&
      !node.contentType.multipart &&
      node.contentId &&
      self.textMap.size > 0 &&
      node.content
    ) {
      self.collectAttachment(node, node.content, related, false);
      return;
    }
    await base.collectNode.call(this, node, alternative, related);
  }

  renderTextContent(): void {
    const self = this as unknown as {
      textMap: Map<unknown, TextEntries>;
      textTypes: Set<'plain' | 'html'>;
    };
    // An empty own list of a type stops postal-mime from converting the other type into it.
    for (const entry of self.textMap.values()) {
      for (const type of self.textTypes) entry[type] ??= [];
    }
    base.renderTextContent.call(this);
  }
}

/**
 * Lines in a message, at most: postal-mime holds ~1.6 KB per line while parsing (a 10 MB
 * message of short lines peaked at 650 MB, measured), so a 50 MB message of short lines
 * would need over 3 GB. 600,000 lines is a 45 MB base64 attachment; the article is never
 * that long.
 */
export const MAX_MAIL_LINES = 600_000;

function lineCount(bytes: Uint8Array, stopAt: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0 && n <= stopAt; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

export async function parseEmail(bytes: Uint8Array): Promise<ArticleFields | null> {
  if (bytes.length > MAX_MAIL_LINES * 8 && lineCount(bytes, MAX_MAIL_LINES) > MAX_MAIL_LINES) {
    throw new RefusalError(
      'too-large',
      `has more than ${MAX_MAIL_LINES.toLocaleString('en-US')} lines, more than Clipbook reads from one message. Save the message without its attachments (or the article as text) and import that.`,
    );
  }
  const mail = await new BodyPartsParser().parse(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  );
  const subject = cleanSubject(fixC1(mail.subject ?? ''));
  let senderName = cleanText(fixC1(mail.from?.name ?? '')).replace(SENDER_NOISE_RE, '');
  const unwrapped = unwrapForwarded(fixC1(mail.text ?? ''));
  const text = unwrapped.text;
  const html = fixC1(mail.html ?? '');
  // A forwarded article names its outlet in the forwarded From: line, not the forwarder.
  if (unwrapped.from) senderName = cleanText(unwrapped.from).replace(SENDER_NOISE_RE, '');
  // An HTML body goes through the app's own extractor. postal-mime's text is not used when
  // there is HTML: for multipart/mixed and multipart/related it is postal-mime's own
  // HTML-to-text (CSS url(…), file: and data: links become words) joined with every other
  // inline text part, including resources the HTML refers to by cid:.
  let art: ArticleFields | null = null;
  if (html.trim()) {
    const h = parseHtml(html, { email: true });
    if (h.paragraphs.length) {
      const t = parsePlainText(h.paragraphs.join('\n\n'), subject ? { title: subject } : {});
      art = { ...t, url: h.url, language: h.language, related: [...h.related, ...t.related] };
    }
  }
  if (!art && text.trim()) art = parsePlainText(text, subject ? { title: subject } : {});
  if (!art) return null;
  if (!art.title && subject) art.title = subject;
  // The sender ("Valley Gazette <newsletter@…>") names the outlet better than a body line.
  if (senderName && !/@/.test(senderName)) {
    if (!art.source || textKey(art.source) === textKey(senderName))
      art.source = tidyName(senderName);
  }
  if (!art.publishedAt) {
    const dateHeader = mail.headers.find((h) => h.key === 'date')?.value ?? '';
    art.publishedAt = findDate(dateHeader)?.iso ?? '';
  }
  const result = emptyArticle();
  return { ...result, ...art };
}
