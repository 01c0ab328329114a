/**
 * An upper bound of the width of `text` in a sans-serif font (Helvetica, Arial, or DejaVu Sans where those are
 * missing) at `fontSize` px: per-character widths rounded up from DejaVu Sans, the widest of the three.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) {
    if (/[mwMW]/.test(character)) ems += 1;
    else if (/[A-Z]/.test(character)) ems += 0.8;
    else if (/[0-9a-z]/.test(character)) ems += 0.65;
    else if (/[ .,:;'!|]/.test(character)) ems += 0.35;
    else ems += 0.8;
  }
  return ems * fontSize;
}
