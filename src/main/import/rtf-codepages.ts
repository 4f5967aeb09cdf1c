/** RTF code pages: which one a font's \fcharsetN means, and decoding \'hh bytes in it. */
import iconv from 'iconv-lite';

/** \fcharsetN → Windows code page. */
export const CHARSET_CODEPAGE: Record<number, number> = {
  77: 10000,
  128: 932,
  129: 949,
  130: 1361,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
};
/** Lead bytes of the double-byte code pages: the next \'hh belongs to the same character. */
export function isLeadByte(codepage: number, b: number): boolean {
  switch (codepage) {
    case 932:
      return (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
    case 936:
    case 949:
    case 950:
      return b >= 0x81 && b <= 0xfe;
    default:
      return false;
  }
}

function codepageName(cp: number): string {
  if (cp === 10000) return 'macintosh';
  if (cp === 932) return 'shift_jis';
  if (cp === 936) return 'gbk';
  if (cp === 949) return 'cp949';
  if (cp === 950) return 'big5';
  return `windows${cp}`;
}

/** Bytes of one code page as text; an unknown code page reads as Windows-1252. */
export function decodeBytes(bytes: number[], cp: number): string {
  const name = codepageName(cp);
  return iconv.encodingExists(name)
    ? iconv.decode(Buffer.from(bytes), name)
    : iconv.decode(Buffer.from(bytes), 'windows1252');
}
