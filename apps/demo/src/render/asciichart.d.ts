// Types for asciichart 1.5 (it ships none): the one function the demo uses.
declare module 'asciichart' {
  /** Settings of `plot`; `format` turns a row's value into its axis label. */
  export interface PlotConfig {
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    height?: number;
    colors?: string[];
    symbols?: string[];
    format?: (value: number, row: number) => string;
  }
  const asciichart: {
    /** Draws one series (one column per value) as lines of box-drawing characters joined by '\n'. */
    plot(series: readonly number[] | readonly (readonly number[])[], config?: PlotConfig): string;
  };
  export default asciichart;
}
