/**
 * Short lines inside an article's box that are page furniture by their words, whatever the
 * markup: photo credits and calls to subscribe, follow or donate.
 */

/** Photo credits: a label, or a picture agency's name, on a short line. */
const CREDIT_RE =
  /^[(\s]*(?:photos?|fotos?|bild(?:er)?|image|images|credits?|crédits?(?: photos?)?|titelbild|beitragsbild|quelle|source|foto ?credit|bildquelle|imagen|fotografía|zdjęcie|фото)\s*[:/©]|\b(?:getty ?images|istock(?:photo)?|shutterstock|picture[- ]alliance|imago(?: images)?|unsplash|pixabay|adobe ?stock|keystone|ap photo|afp photo|reuters photo|dpa ?\/|epa ?\/|afp ?\/|\/ ?afp|\/ ?dpa|\/ ?reuters)\b/iu;

/** Calls to subscribe, sign up, follow, donate or read on elsewhere. */
const CALL_RE =
  /\b(?:subscribe|subscriber|subscription|newsletter|sign(?:ing)? up|download (?:the|our) app|follow us|support (?:us|our)|donate|abonnieren|abonnent|abonnement|abo\b|newsletter|unterstützen sie|jetzt spenden|folgen sie uns|s'abonner|abonnez|abonnement|suscr[íi]b|suscripci[óo]n|hazte miembro|zapisz się|subskrypcj|подпис)/iu;

/** Whether a block of the article's box is furniture by its words. */
export function isFurnitureLine(text: string): boolean {
  if (text.length < 100 && CREDIT_RE.test(text)) return true;
  return text.length < 250 && CALL_RE.test(text);
}
