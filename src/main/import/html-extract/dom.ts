/** Small DOM helpers over htmlparser2's nodes, shared by the metadata and body passes. */
import type { AnyNode, Element } from 'domhandler';

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

export function classAndId(el: Element): string {
  return `${attr(el, 'class')} ${attr(el, 'id')}`.trim();
}

export function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && isElement(p) ? p : null;
}

/** Hidden by attribute or inline style: never shown, so never article text. */
export function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs || attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style');
  return style !== '' && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}
