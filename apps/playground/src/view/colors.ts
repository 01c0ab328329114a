/** An RGB colour, 0 to 255 per channel. */
export type Rgb = readonly [number, number, number];

/** Label 0 / negative values. */
export const ORANGE: Rgb = [245, 147, 34];
/** The middle of the scale. */
export const NEUTRAL: Rgb = [232, 234, 235];
/** Label 1 / positive values. */
export const BLUE: Rgb = [8, 119, 189];

export const ORANGE_CSS = cssColor(ORANGE);
export const BLUE_CSS = cssColor(BLUE);

/**
 * The diverging scale of the pictures (TensorFlow Playground's): −1 orange, 0 light grey, +1 blue, linear in
 * between; values beyond ±1 are clamped, NaN is mid grey.
 */
export function divergingColor(value: number): Rgb {
  if (Number.isNaN(value)) return [150, 150, 150];
  const t = Math.max(-1, Math.min(1, value));
  const end = t < 0 ? ORANGE : BLUE;
  const weight = Math.abs(t);
  return [
    Math.round(NEUTRAL[0] + (end[0] - NEUTRAL[0]) * weight),
    Math.round(NEUTRAL[1] + (end[1] - NEUTRAL[1]) * weight),
    Math.round(NEUTRAL[2] + (end[2] - NEUTRAL[2]) * weight),
  ];
}

/**
 * Writes `values` (one per pixel, row-major) into `image` through the diverging scale after `toScale`, so the same
 * code paints the output (probability → 2p − 1) and any unit (its activation). A lookup table of 256 colours keeps
 * it cheap enough for every frame.
 */
export function paintValues(image: ImageData, values: ArrayLike<number>, toScale: (value: number) => number): void {
  const pixels = image.data;
  for (let index = 0; index < values.length; index++) {
    const scaled = toScale(values[index]!);
    const color = Number.isNaN(scaled)
      ? NAN_COLOR
      : PALETTE[Math.round((Math.max(-1, Math.min(1, scaled)) + 1) * 127.5)]!;
    pixels[4 * index] = color[0];
    pixels[4 * index + 1] = color[1];
    pixels[4 * index + 2] = color[2];
    pixels[4 * index + 3] = 255;
  }
}

const PALETTE: Rgb[] = Array.from({ length: 256 }, (_, index) => divergingColor(index / 127.5 - 1));
const NAN_COLOR = divergingColor(Number.NaN);

/** `rgb(r, g, b)` for CSS and canvas styles. */
export function cssColor([red, green, blue]: Rgb, alpha = 1): string {
  return alpha === 1 ? `rgb(${red}, ${green}, ${blue})` : `rgba(${red}, ${green}, ${blue}, ${alpha})`;
}
