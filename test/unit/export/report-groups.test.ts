import { describe, expect, it } from 'vitest';
import { reportOutline } from '@shared/export/report-groups';
import type { OutlineNode } from '@shared/export/report-groups';
import { defaultReportSettings, parseGroupBy } from '@shared/export/report-options';
import type { ReportSettings } from '@shared/export/report-options';
import { reportItems } from './report-items';

/** The outline as readable lines: "# Group (n)", "## Inner (n)", "  title". */
function lines(settings: Partial<ReportSettings>): string[] {
  const outline = reportOutline(reportItems(), { ...defaultReportSettings(), ...settings });
  return outline.map((n: OutlineNode) =>
    n.kind === 'group'
      ? `${'#'.repeat(n.level)} ${n.label} (${n.count})`
      : `${'  '.repeat(n.depth)}${n.item.clipping.id}`,
  );
}

describe('report outline', () => {
  it('without grouping lists every clipping by date, undated last', () => {
    expect(lines({})).toEqual([
      'c-water',
      'c-ferry-1',
      'c-ferry-2',
      'c-metro',
      'c-tram',
      'c-bus',
      'c-hostile',
    ]);
    expect(lines({ clippingOrder: 'newest' })).toEqual([
      'c-bus',
      'c-tram',
      'c-metro',
      'c-ferry-2',
      'c-ferry-1',
      'c-water',
      'c-hostile',
    ]);
  });

  it('groups by tone on its scale, the unset ones last', () => {
    expect(lines({ groupBy: ['tone'] })).toEqual([
      '# Positive (1)',
      '  c-bus',
      '# Neutral (2)',
      '  c-ferry-1',
      '  c-ferry-2',
      '# Negative (1)',
      '  c-tram',
      '# Tone not set (3)',
      '  c-water',
      '  c-metro',
      '  c-hostile',
    ]);
  });

  it('puts a clipping under each of its tags; orders groups by size or first date', () => {
    const bySize = lines({ groupBy: ['tag'], groupOrder: 'size' });
    expect(bySize.slice(0, 5)).toEqual([
      '# transport (4)',
      '  c-ferry-1',
      '  c-ferry-2',
      '  c-tram',
      '  c-bus',
    ]);
    expect(bySize.filter((l) => l.includes('c-ferry-1'))).toHaveLength(2);
    const byDate = lines({ groupBy: ['tag'], groupOrder: 'date' });
    expect(byDate[0]).toBe('# water (1)');
  });

  it('nests two levels: outlet, then section', () => {
    const l = lines({ groupBy: ['outlet', 'section'] });
    expect(l.slice(3, 7)).toEqual([
      '# Coast Daily (1)',
      '## No section (1)',
      '    c-ferry-2',
      '# Harbour Post (1)',
    ]);
    expect(l).toContain('## City (1)');
  });

  it('groups story copies together, named by the earliest copy', () => {
    const l = lines({ groupBy: ['story'] });
    const at = l.indexOf('# Ferry strike ends after two days (2)');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(l.slice(at + 1, at + 3)).toEqual(['  c-ferry-1', '  c-ferry-2']);
    expect(l.filter((x) => x.startsWith('#'))).toHaveLength(6);
  });

  it('reads --group-by lists and refuses unknown or too many keys', () => {
    expect(parseGroupBy('Tone, outlet')).toEqual(['tone', 'outlet']);
    expect(parseGroupBy('tone,tone')).toEqual(['tone']);
    expect(parseGroupBy('colour')).toMatch(/Unknown grouping "colour"/);
    expect(parseGroupBy('tag,outlet,tone')).toMatch(/At most 2/);
  });
});
