import { allElements, parseXml, type XmlElement } from './xml';

/** A rectangle in SVG coordinates. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * A generous bound of a text's width in a sans-serif font, kept independent of the renderer's own estimate:
 * 0.35 em for narrow characters, 1 em for m and w, 0.7 em for anything else (DejaVu Sans, the widest common
 * fallback for Helvetica and Arial, stays below it: digits are 0.64 em there).
 */
export function textWidthBound(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) ems += /[il.,;:'| !]/.test(character) ? 0.35 : /[mwMW]/.test(character) ? 1 : 0.7;
  return ems * fontSize;
}

/** One drawn line of text with the box it may cover. */
export interface PlacedText {
  text: string;
  box: Box;
  element: XmlElement;
}

/**
 * Every unrotated line of text in the SVG with its box: `<text>` with its own content, and each `<tspan>` with an
 * x and y of its own; the font size comes from the element or its `<text>` or group, the anchor likewise.
 */
export function textBoxes(svg: string | XmlElement): PlacedText[] {
  const root = typeof svg === 'string' ? parseXml(svg) : svg;
  const placed: PlacedText[] = [];
  const visit = (element: XmlElement, inherited: Record<string, string>): void => {
    const attributes = { ...inherited, ...element.attributes };
    if (element.attributes.transform) return; // the rotated axis title: outside the plot by construction
    if ((element.name === 'text' || element.name === 'tspan') && element.text.trim() !== '' && attributes.y) {
      const fontSize = Number(attributes['font-size'] ?? 16);
      const width = textWidthBound(element.text, fontSize);
      const x = Number(attributes.x);
      const y = Number(attributes.y);
      const anchor = attributes['text-anchor'] ?? 'start';
      const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x;
      placed.push({
        text: element.text,
        box: { left, right: left + width, top: y - 0.95 * fontSize, bottom: y + 0.3 * fontSize },
        element,
      });
    }
    for (const child of element.children) visit(child, attributes);
  };
  visit(root, {});
  return placed;
}

/** The vertices of the loss polyline. */
export function polylinePoints(svg: string): { x: number; y: number }[] {
  const polyline = allElements(parseXml(svg)).find((element) => element.name === 'polyline')!;
  return polyline.attributes.points!.split(' ').map((pair) => {
    const [x, y] = pair.split(',').map(Number);
    return { x: x!, y: y! };
  });
}

/** Whether a line drawn `strokeWidth` wide through `points` touches `box` (checked every quarter pixel). */
export function lineTouches(points: readonly { x: number; y: number }[], box: Box, strokeWidth = 2): boolean {
  const grown = {
    left: box.left - strokeWidth / 2,
    right: box.right + strokeWidth / 2,
    top: box.top - strokeWidth / 2,
    bottom: box.bottom + strokeWidth / 2,
  };
  const inside = (x: number, y: number): boolean =>
    x >= grown.left && x <= grown.right && y >= grown.top && y <= grown.bottom;
  for (let index = 0; index < points.length; index++) {
    const a = points[index]!;
    const b = points[Math.min(index + 1, points.length - 1)]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) * 4));
    for (let step = 0; step <= steps; step++) {
      if (inside(a.x + ((b.x - a.x) * step) / steps, a.y + ((b.y - a.y) * step) / steps)) return true;
    }
  }
  return false;
}

/** Whether two boxes overlap. */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
