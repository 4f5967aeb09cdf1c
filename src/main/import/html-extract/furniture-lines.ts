/**
 * Short lines inside an article's box that are page furniture by their words, whatever the
 * markup: photo credits and calls to subscribe, follow or donate.
 */

/** Photo credits: a label, or a picture agency's name, on a short line. */
const CREDIT_RE =
  /^[(\s]*(?:photos?|fotos?|bild(?:er)?|image|images|credits?|crédits?(?: photos?)?|titelbild|beitragsbild|quelle|source|foto ?credit|bildquelle|imagen|fotografía|zdjęcie|фото)\s*[:/©]|\b(?:getty ?images|istock(?:photo)?|shutterstock|picture[- ]alliance|imago(?: images)?|unsplash|pixabay|adobe ?stock|keystone|ap photo|afp photo|reuters photo|dpa ?\/|epa ?\/|afp ?\/|\/ ?afp|\/ ?dpa|\/ ?reuters)\b|[(,]\s*(?:photos?|fotos?|bild|image|credits?)\s*:/iu;

/** Calls to subscribe, sign up, follow, donate or read on elsewhere. */
const CALL_RE =
  /\b(?:subscribe|subscriber|subscription|newsletter|sign(?:ing)? up|download (?:the|our) app|follow us|support (?:us|our)|donate|abonnieren|abonnent|abonnement|abo\b|newsletter|unterstützen sie|jetzt spenden|folgen sie uns|s'abonner|abonnez|abonnement|suscr[íi]b|suscripci[óo]n|hazte miembro|zapisz się|subskrypcj|подпис)/iu;

/** Headings of what comes after an article: more to read, related posts. */
const MORE_RE =
  /^(?:das könnte (?:dich|sie) auch interessieren|(?:das )?(?:thema )?könnte (?:dich|sie) auch interessieren|auch interessant|ähnliche (?:beiträge|artikel)|weitere (?:beiträge|artikel|nachrichten|themen)|empfohlene (?:beiträge|artikel)|mehr (?:zum thema|themen|aus|zu)|zum weiterlesen|weiterlesen|schon gelesen|lesen sie auch|explore further|related(?: stories| articles| posts| content| coverage)?|you (?:may|might) also (?:like|enjoy)|read (?:more|also|next)|more (?:from|on|stories)|see also|recommended(?: for you)?|zobacz (?:też|także|również)|czytaj (?:też|także|również)|lire aussi|à lire aussi|sur le même sujet|à voir aussi|te puede interesar|lee también|noticias relacionadas|leggi anche|potrebbe interessarti|читайте также)\b/iu;

/** Comment, share, rating, advertising, filing and reading-time lines. */
const WIDGET_RE =
  /^[*\s([]*(?:\d+\s+)?(?:kommentare?|kommentieren|keine kommentare|kommentare geschlossen|comments?|no comments|comments are closed|leave a (?:comment|reply)|commentaires?|laisser un commentaire|comentarios?|deja un comentario|komentarze?|beitrag teilen|artikel teilen|share this|teilen sie|möchten sie den artikel teilen|war (?:der|dieser) (?:artikel|beitrag) (?:nützlich|hilfreich)|was this (?:article|page) (?:helpful|useful)|noch keine bewertungen|(?:anzeige|werbung|advertisement|sponsored|publicidad|publicité|reklama)\b|this (?:entry|post) was posted|posted in|filed under|dieser (?:eintrag|beitrag) wurde (?:am .{0,40})?veröffentlicht|abgelegt unter|\d+\s*(?:min(?:ute)?s?\.?|minut\w*)\s*(?:read|czytania|de lecture|lesezeit|lectura)|lesezeit|reading time|temps de lecture|tiempo de lectura)/iu;

/** Whether a block of the article's box is furniture by its words. */
export function isFurnitureLine(text: string): boolean {
  if (text.length < 100 && CREDIT_RE.test(text)) return true;
  if (text.length < 80 && MORE_RE.test(text)) return true;
  if (text.length < 120 && WIDGET_RE.test(text)) return true;
  return text.length < 200 && CALL_RE.test(text);
}

/** Copyright and licence notices. */
const RIGHTS_RE =
  /©|\(c\)\s|\bcopyright|creative commons|\bcc[- ]by\b|\blizenz|\blicen[cs]e[ds]?\b|urheberrecht|prawem autorskim|prawa zastrzeżone|droits réservés|derechos reservados|rights reserved|diritti riservati/iu;

/** "Jane Doe is a senior writer for …": a note about the author. */
const AUTHOR_NOTE_RE =
  /^[\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){0,3},? (?:is|was|ist|war|est|es|è|jest) (?:an? |the |ein |eine |un |une |una |el |la |il )?[^.]{0,80}?\b(?:writer|reporter|editor|correspondent|journalist|columnist|contributor|author|founder|redakteur(?:in)?|autor(?:in)?|journaliste|rédact|correspondant|periodista|redactor|corresponsal|giornalista|dziennikar)/u;

/** How many closing blocks are checked for a notice or a note about the author. */
const CLOSING_BLOCKS = 3;

/** Drops copyright and licence notices and notes about the author closing an article. */
export function dropClosingNotices<T extends { text: string }>(list: T[]): T[] {
  const from = Math.max(1, list.length - CLOSING_BLOCKS);
  return list.filter(
    (b, i) =>
      i < from ||
      !(
        (b.text.length < 250 && RIGHTS_RE.test(b.text)) ||
        (b.text.length < 400 && AUTHOR_NOTE_RE.test(b.text))
      ),
  );
}
