import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileUrlToPath,
  fromUrlArg,
  pathsFromArgv,
  pathsFromHandover,
} from '../../../src/main/launch-args';

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

describe('paths from the command line on each platform', () => {
  const linux = { isPackaged: true, cwd: '/home/a', platform: 'linux' as const };
  const windows = { isPackaged: true, cwd: 'C:\\Users\\a', platform: 'win32' as const };

  it('ignores Chromium, Electron and inspector switches wherever they appear', () => {
    expect(
      pathsFromArgv(
        [
          '/usr/bin/electron',
          '--inspect=9229',
          '--inspect-brk',
          '--remote-debugging-port=9222',
          '--enable-logging',
          '.',
          '--no-sandbox',
          '/home/a/news.txt',
          '--allow-file-access-from-files',
        ],
        { isPackaged: false, cwd: '/home/a', platform: 'linux' },
      ),
    ).toEqual(['/home/a/news.txt']);
  });

  it('keeps folders, normalises and de-duplicates', () => {
    expect(
      pathsFromArgv(
        ['clipbook', '/home/a/clips/', '/home/a/clips/../clips/', 'b/./c.md', 'b/c.md'],
        linux,
      ),
    ).toEqual(['/home/a/clips/', '/home/a/b/c.md']);
  });

  it('reads file:// URLs from desktop entries (%U), decoding escapes', () => {
    expect(
      pathsFromArgv(
        [
          'clipbook',
          'file:///home/a/My%20Clippings/caf%C3%A9.html',
          'file://localhost/tmp/x.eml',
          'file://server/share/y.txt',
          'https://example.org/article',
          'clipbook://open',
        ],
        linux,
      ),
    ).toEqual(['/home/a/My Clippings/café.html', '/tmp/x.eml']);
  });

  it('understands Windows paths, relative paths and file URLs', () => {
    expect(
      pathsFromArgv(
        [
          'C:\\Program Files\\Clipbook\\Clipbook.exe',
          'C:\\Users\\a\\Documents\\news.docx',
          'D:/clips/b.pdf',
          'notes\\c.md',
          'file:///C:/Users/a/My%20Files/d.txt',
          'file://server/share/e.txt',
          '\\\\nas\\clips\\f.htm',
          '--squirrel-firstrun',
        ],
        windows,
      ),
    ).toEqual([
      'C:\\Users\\a\\Documents\\news.docx',
      'D:\\clips\\b.pdf',
      'C:\\Users\\a\\notes\\c.md',
      'C:\\Users\\a\\My Files\\d.txt',
      '\\\\server\\share\\e.txt',
      '\\\\nas\\clips\\f.htm',
    ]);
  });

  it('drops malformed file URLs and NUL bytes instead of guessing', () => {
    expect(fileUrlToPath('file:///tmp/%E0%A4%A', false)).toBeNull();
    expect(fileUrlToPath('file:///tmp/a%00b', false)).toBeNull();
    expect(fileUrlToPath('file:///relative-on-windows', true)).toBeNull();
    expect(fromUrlArg('mailto:a@b.c', false)).toBeNull();
    expect(fromUrlArg('C:\\x.txt', true)).toBe('C:\\x.txt');
    expect(pathsFromArgv(['clipbook', 'a\0b.txt', '   '], linux)).toEqual([]);
  });
});

describe('second-instance handover data', () => {
  it('accepts only a list of plausible paths', () => {
    expect(pathsFromHandover({ paths: ['/a.txt', '/b'] })).toEqual(['/a.txt', '/b']);
    expect(pathsFromHandover({ paths: [] })).toEqual([]);
    expect(pathsFromHandover(null)).toBeNull();
    expect(pathsFromHandover({})).toBeNull();
    expect(pathsFromHandover({ paths: ['/a', 42] })).toBeNull();
    expect(pathsFromHandover({ paths: ['/a\0'] })).toBeNull();
    expect(pathsFromHandover({ paths: 'x' })).toBeNull();
  });
});
