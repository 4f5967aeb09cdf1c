import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, resolveAppAsset } from '../../../src/main/app-protocol';

const root = '/opt/clipbook/out/renderer';

describe('app protocol', () => {
  it('serves files inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'clipbook://app/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'clipbook://app/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'clipbook://app/assets/index-abc.js')).toBe(
      join(root, 'assets/index-abc.js'),
    );
  });

  it('keeps dot segments inside the folder', () => {
    // URL parsing already folds '..' at the root, so this stays inside the renderer folder.
    expect(resolveAppAsset(root, 'clipbook://app/../main/index.js')).toBe(
      join(root, 'main/index.js'),
    );
  });

  it('refuses traversal, other hosts and other schemes', () => {
    for (const url of [
      'clipbook://app/assets/..%2f..%2f..%2fetc%2fpasswd',
      'clipbook://app/%00.html',
      'clipbook://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolveAppAsset(root, url), url).toBeNull();
    }
  });

  it('forbids inline and evaluated scripts', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('allows no blob: sources (nothing makes blob: images or workers)', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('blob:');
    // The page's own meta policy (for the dev server) says the same.
    const html = readFileSync(resolve(__dirname, '../../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(meta).not.toContain('blob:');
  });
});
