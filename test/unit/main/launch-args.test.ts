import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathsFromArgv } from '../../../src/main/launch-args';

describe('paths from the command line', () => {
  it('takes file arguments after the executable of a packaged app', () => {
    expect(
      pathsFromArgv(['/opt/Clipbook/clipbook', '/home/a/news.txt', 'rel/b.html'], {
        isPackaged: true,
        cwd: '/home/a',
      }),
    ).toEqual(['/home/a/news.txt', resolve('/home/a', 'rel/b.html')]);
  });

  it('skips electron and the app path when unpackaged', () => {
    expect(
      pathsFromArgv(['/x/electron', '.', '/tmp/a.md'], { isPackaged: false, cwd: '/tmp' }),
    ).toEqual(['/tmp/a.md']);
  });

  it('ignores switches, process serial numbers and URLs, but not files after --', () => {
    expect(
      pathsFromArgv(
        [
          'clipbook',
          '--inspect=9229',
          '--no-sandbox',
          '-psn_0_12345',
          'clipbook://open',
          '',
          '--',
          '--odd-name.txt',
        ],
        { isPackaged: true, cwd: '/w' },
      ),
    ).toEqual(['/w/--odd-name.txt']);
  });
});
