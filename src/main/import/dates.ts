/**
 * Finds dates written in article text (several languages and layouts) and renders them as
 * ISO 8601 "as written": only the parts the text gives, with an offset only when it has one.
 */

const MONTHS: Record<string, number> = {};
function addMonths(names: string): void {
  const list = names.split(' ');
  list.forEach((group, i) => {
    for (const name of group.split('|')) MONTHS[name] = i + 1;
  });
}
// One space-separated group per month; '|' separates variants of the same month.
addMonths(
  'january|jan february|feb march|mar april|apr may june|jun july|jul august|aug september|sep|sept october|oct november|nov december|dec',
);
addMonths(
  'janvier|janv février|fevrier|févr|fevr mars avril|avr mai juin juillet|juil août|aout septembre octobre novembre décembre|decembre|déc',
);
addMonths(
  'januar|jänner februar märz|maerz april mai juni juli august september oktober|okt november dezember|dez',
);
addMonths(
  'enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre noviembre diciembre',
);
addMonths(
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre|set ottobre|ott novembre dicembre|dic',
);
addMonths(
  'janeiro fevereiro|fev março|marco abril maio junho julho agosto setembro outubro|out novembro dezembro|dez',
);
addMonths(
  'januari februari maart april mei juni juli augustus september oktober november december',
);
addMonths(
  'января|январь|янв февраля|февраль|фев марта|март|мар апреля|апрель|апр мая|май июня|июнь|июн июля|июль|июл августа|август|авг сентября|сентябрь|сен|сент октября|октябрь|окт ноября|ноябрь|ноя декабря|декабрь|дек',
);
addMonths(
  'січня|січень лютого|лютий березня|березень квітня|квітень травня|травень червня|червень липня|липень серпня|серпень вересня|вересень жовтня|жовтень листопада|листопад грудня|грудень',
);
addMonths(
  'يناير|كانون_الثاني فبراير|شباط مارس|آذار أبريل|إبريل|ابريل|نيسان مايو|أيار|ايار يونيو|يونيه|حزيران يوليو|يوليه|تموز أغسطس|اغسطس|آب سبتمبر|أيلول|ايلول أكتوبر|اكتوبر|تشرين_الأول نوفمبر|تشرين_الثاني ديسمبر|كانون_الأول',
);

export const WEEKDAYS = new Set(
  (
    'monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun ' +
    'понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс ' +
    "понеділок вівторок середа четвер п'ятниця пʼятниця субота неділя " +
    'الأحد الاحد الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت يوم ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonntag ' +
    'lunes martes miércoles miercoles jueves viernes sábado sabado domingo ' +
    'lunedì martedì mercoledì giovedì venerdì sabato domenica ' +
    'segunda-feira terça-feira quarta-feira quinta-feira sexta-feira ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag'
  ).split(' '),
);

const monthAlternation = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/_/g, '\\s+'))
  .join('|');

const TIME =
  '(\\d{1,2})[:.h](\\d{2})(?::(\\d{2}))?(?:\\s*([ap]\\.?m\\.?))?(?:\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})(?![\\d]))?';
const TIME_LEAD = '(?:,?\\s*(?:at|um|à|a\\s+las|alle|às|om|в|о|الساعة|-|–|\\|)?\\s*)';

// Letters are matched case-insensitively; \b does not work for Cyrillic/Arabic, so use lookarounds.
const NB = '(?<![\\p{L}\\d])';
const NA = '(?![\\p{L}])';

const ISO_RE = new RegExp(
  `${NB}(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?)?(?!\\d)`,
  'u',
);
const MONTH_FIRST_RE = new RegExp(
  `${NB}(${monthAlternation})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)(?:${TIME_LEAD}${TIME})?`,
  'iu',
);
const DAY_FIRST_RE = new RegExp(
  `${NB}(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s*(?:de\\s+)?(${monthAlternation})${NA}\\.?,?\\s*(?:de\\s+)?(\\d{4})(?!\\d)(?:\\s*(?:г\\.|года|р\\.|року|م))?(?:${TIME_LEAD}${TIME})?`,
  'iu',
);
const NUMERIC_RE = new RegExp(
  `${NB}(\\d{1,2})([./])(\\d{1,2})\\2(\\d{4})(?!\\d)(?:${TIME_LEAD}${TIME})?`,
  'u',
);
const YMD_SLASH_RE = new RegExp(
  `${NB}(\\d{4})/(\\d{1,2})/(\\d{1,2})(?!\\d)(?:${TIME_LEAD}${TIME})?`,
  'u',
);

const HAS_YEAR_RE = /[0-9\u0660-\u0669\u06F0-\u06F9]{4}/;

const TIME_BEFORE_RE = new RegExp(`${TIME}\\s*(?:,|on|le|am|el|il|op)?\\s*$`, 'iu');

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function offsetOf(raw: string | undefined): string {
  if (!raw) return '';
  const u = raw.toUpperCase();
  if (u === 'Z' || u === 'UTC' || u === 'GMT') return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw);
  return m ? `${m[1]}${m[2]}:${m[3]}` : '';
}

function timeOf(h?: string, mi?: string, s?: string, ampm?: string, off?: string): string | null {
  if (h === undefined || mi === undefined) return '';
  let hour = Number(h);
  const minute = Number(mi);
  if (ampm) {
    const pm = ampm.toLowerCase().startsWith('p');
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour > 23 || minute > 59 || (s !== undefined && Number(s) > 59)) return null;
  return `T${pad(hour)}:${pad(minute)}${s !== undefined ? ':' + s : ''}${offsetOf(off)}`;
}

function build(y: number, m: number, d: number, time: string | null): string | null {
  if (!validYmd(y, m, d) || time === null) return null;
  return `${y}-${pad(m)}-${pad(d)}${time}`;
}

function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '').replace(/\s+/g, '_')];
}

/** Arabic-Indic and Persian digits to ASCII so one set of patterns serves every script. */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** The first date in `text` (earliest position; the longest match wins ties). */
export function findDate(input: string): FoundDate | null {
  // Every supported layout has a four-digit year: skip the costly patterns when there is none.
  if (!HAS_YEAR_RE.test(input)) return null;
  const text = asciiDigits(input);
  const found: FoundDate[] = [];
  // Each numeric layout needs its separator: a substring check skips most pattern runs.
  let m = text.includes('-') ? ISO_RE.exec(text) : null;
  if (m) {
    const t =
      m[4] !== undefined
        ? `T${m[4]}:${m[5]}${m[6] !== undefined ? ':' + m[6] + (m[7] ?? '') : ''}${offsetOf(m[8])}`
        : '';
    const iso = build(Number(m[1]), Number(m[2]), Number(m[3]), t);
    if (iso) found.push({ iso, index: m.index, length: m[0].length });
  }
  m = MONTH_FIRST_RE.exec(text);
  if (m) {
    const iso = build(
      Number(m[3]),
      monthNumber(m[1] ?? '') ?? 0,
      Number(m[2]),
      timeOf(m[4], m[5], m[6], m[7], m[8]),
    );
    if (iso) found.push({ iso, index: m.index, length: m[0].length });
  }
  m = DAY_FIRST_RE.exec(text);
  if (m) {
    const iso = build(
      Number(m[3]),
      monthNumber(m[2] ?? '') ?? 0,
      Number(m[1]),
      timeOf(m[4], m[5], m[6], m[7], m[8]),
    );
    if (iso) found.push({ iso, index: m.index, length: m[0].length });
  }
  const slash = text.includes('/');
  m = slash || text.includes('.') ? NUMERIC_RE.exec(text) : null;
  if (m) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    // Day first unless that is impossible (most of the world writes D.M.Y / D/M/Y).
    if (b > 12 && a <= 12) [a, b] = [b, a];
    const iso = build(Number(m[4]), b, a, timeOf(m[5], m[6], m[7], m[8], m[9]));
    if (iso) found.push({ iso, index: m.index, length: m[0].length });
  }
  m = slash ? YMD_SLASH_RE.exec(text) : null;
  if (m) {
    const iso = build(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      timeOf(m[4], m[5], m[6], m[7], m[8]),
    );
    if (iso) found.push({ iso, index: m.index, length: m[0].length });
  }
  if (found.length === 0) return null;
  found.sort((x, y) => x.index - y.index || y.length - x.length);
  const best = found[0] as FoundDate;
  // "14:05, 3 February 2024": a time written just before a date without one.
  if (!best.iso.includes('T')) {
    const before = TIME_BEFORE_RE.exec(text.slice(Math.max(0, best.index - 30), best.index));
    if (before) {
      const t = timeOf(before[1], before[2], before[3], before[4], before[5]);
      if (t) {
        const length = best.length + before[0].length;
        return { iso: best.iso + t, index: best.index - before[0].length, length };
      }
    }
  }
  return best;
}

/** Normalises a machine-readable date (meta tags, JSON-LD, headers) to ISO as written. */
export function normaliseDateValue(value: unknown): string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const s = String(value).trim();
  if (!s) return '';
  const found = findDate(s);
  if (found) return found.iso;
  if (/^\d{4}$/.test(s)) return '';
  const t = Date.parse(s);
  if (!Number.isNaN(t) && /\d{4}/.test(s)) return new Date(t).toISOString().slice(0, 19) + 'Z';
  return '';
}

/** Removes weekday names from a string (used to decide whether a line is only a date). */
export function stripWeekdays(s: string): string {
  return s
    .split(/(\s+|,)/u)
    .filter((w) => !WEEKDAYS.has(w.toLowerCase().replace(/[.,]$/, '')))
    .join('');
}
