/** An element of a parsed XML document. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), its children's text excluded. */
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A small strict XML parser for the tests (no dependency, no regular expressions): it accepts an optional XML
 * declaration, comments, elements with quoted attributes, and text with the five named or numeric entities, and
 * throws on anything not well-formed: unbalanced or mismatched tags, duplicate attributes, a bare '&' or '<',
 * text or a second element outside the root.
 */
export function parseXml(source: string): XmlElement {
  let position = 0;
  const fail = (what: string): never => {
    throw new Error(`XML: ${what} at offset ${position}: ${JSON.stringify(source.slice(position, position + 30))}`);
  };
  const startsWith = (text: string): boolean => source.startsWith(text, position);
  const isSpace = (character: string | undefined): boolean =>
    character === ' ' || character === '\n' || character === '\t' || character === '\r';
  const isNameCharacter = (character: string | undefined): boolean =>
    character !== undefined &&
    ((character >= 'a' && character <= 'z') ||
      (character >= 'A' && character <= 'Z') ||
      (character >= '0' && character <= '9') ||
      '-_:.'.includes(character));
  const skipSpace = (): void => {
    while (isSpace(source[position])) position++;
  };
  const readName = (): string => {
    const start = position;
    if (!isNameCharacter(source[position]) || (source[position]! >= '0' && source[position]! <= '9'))
      fail('expected a name');
    while (isNameCharacter(source[position])) position++;
    return source.slice(start, position);
  };
  const decode = (raw: string): string => {
    let decoded = '';
    for (let index = 0; index < raw.length; index++) {
      const character = raw[index]!;
      if (character === '<') fail('bare "<" in text or attribute');
      if (character !== '&') {
        decoded += character;
        continue;
      }
      const end = raw.indexOf(';', index);
      if (end < 0) fail('unterminated entity');
      const name = raw.slice(index + 1, end);
      if (name.startsWith('#x')) decoded += String.fromCodePoint(parseInt(name.slice(2), 16));
      else if (name.startsWith('#')) decoded += String.fromCodePoint(Number(name.slice(1)));
      else if (name in entities) decoded += entities[name];
      else fail(`unknown entity &${name};`);
      index = end;
    }
    return decoded;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<!--')) {
        const end = source.indexOf('-->', position + 4);
        if (end < 0) fail('unterminated comment');
        position = end + 3;
      } else return;
    }
  };

  if (startsWith('<?xml')) {
    const end = source.indexOf('?>', position);
    if (end < 0) fail('unterminated XML declaration');
    position = end + 2;
  }
  skipMisc();
  if (!startsWith('<')) fail('expected the root element');

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (position < source.length) {
    if (stack.length === 0 && root !== null) {
      skipMisc();
      if (position < source.length) fail('content after the root element');
      break;
    }
    if (startsWith('<!--')) {
      skipMisc();
    } else if (startsWith('</')) {
      position += 2;
      const name = readName();
      skipSpace();
      if (source[position] !== '>') fail('expected ">" closing an end tag');
      position++;
      const open = stack.pop();
      if (!open) fail(`end tag </${name}> without a start tag`);
      if (open!.name !== name) fail(`end tag </${name}> closes <${open!.name}>`);
    } else if (startsWith('<')) {
      position++;
      const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
      for (;;) {
        const hadSpace = isSpace(source[position]);
        skipSpace();
        if (startsWith('/>') || startsWith('>')) break;
        if (!hadSpace) fail('expected whitespace before an attribute');
        const attribute = readName();
        skipSpace();
        if (source[position] !== '=') fail(`expected "=" after attribute ${attribute}`);
        position++;
        skipSpace();
        const quote = source[position];
        if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attribute}`);
        const end = source.indexOf(quote!, position + 1);
        if (end < 0) fail('unterminated attribute value');
        if (Object.hasOwn(element.attributes, attribute)) fail(`duplicate attribute ${attribute}`);
        element.attributes[attribute] = decode(source.slice(position + 1, end));
        position = end + 1;
      }
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else root = element;
      if (startsWith('/>')) position += 2;
      else {
        position++;
        stack.push(element);
      }
    } else {
      const end = source.indexOf('<', position);
      const raw = source.slice(position, end < 0 ? source.length : end);
      const open = stack.at(-1);
      if (!open) fail('text outside the root element');
      open!.text += decode(raw);
      position += raw.length;
    }
  }
  if (stack.length > 0) fail(`unclosed element <${stack.at(-1)!.name}>`);
  if (root === null) fail('no root element');
  return root!;
}

/** Every element of the tree, depth first, the root included. */
export function allElements(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const element = pending.pop()!;
    found.push(element);
    pending.push(...[...element.children].reverse());
  }
  return found;
}
