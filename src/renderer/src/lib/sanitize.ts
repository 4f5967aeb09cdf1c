/** HTML → HTML safe to insert as markup, through DOMPurify with the app's one configuration. */
import DOMPurify from 'dompurify';
import { SANITIZE_CONFIG } from './sanitize-config';

export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, SANITIZE_CONFIG);
}
