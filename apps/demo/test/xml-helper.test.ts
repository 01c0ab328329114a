import { describe, expect, it } from 'vitest';
import { parseXml } from './helpers/xml';

// The SVG test trusts this checker, so it must reject what is not well-formed.
describe('test helper parseXml', () => {
  it('accepts a well-formed document', () => {
    const root = parseXml(
      '<?xml version="1.0"?>\n<!-- c --><svg a="1" b=\'x &amp; y\'><g><text>a &lt; b</text></g><line/></svg>\n',
    );
    expect(root.attributes).toEqual({ a: '1', b: 'x & y' });
    expect(root.children.map((child) => child.name)).toEqual(['g', 'line']);
    expect(root.children[0]!.children[0]!.text).toBe('a < b');
  });

  it.each([
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['two roots', '<a/><b/>'],
    ['text after the root', '<a/>tail'],
    ['a "<" in an attribute', '<a x="<"/>'],
    ['no root', '<!-- only a comment -->'],
  ])('rejects %s', (_name, source) => {
    expect(() => parseXml(source)).toThrow(/^XML: /);
  });
});
