import { TUTORIAL_INPUTS, TUTORIAL_TARGETS } from '../training/datasets';
import type { LayerWeights } from '../training/trainer';
import { cssColor, divergingColor } from './colors';

/**
 * The tutorial's numbers: its four rows with target, prediction and error (a bar shows each prediction against
 * its target), and every weight matrix as a table, tinted by sign and size.
 */
export class TutorialPanel {
  readonly #predictions: HTMLTableSectionElement;
  readonly #weights: HTMLElement;
  #weightCells: HTMLTableCellElement[][] = [];
  #shapeKey = '';

  constructor(predictions: HTMLTableSectionElement, weights: HTMLElement) {
    this.#predictions = predictions;
    this.#weights = weights;
    this.#predictions.replaceChildren(
      ...TUTORIAL_INPUTS.map((input, row) => {
        const line = document.createElement('tr');
        line.innerHTML = `<td class="mono">[${input.join(', ')}]</td><td class="number">${TUTORIAL_TARGETS[row]}</td><td class="number prediction">–</td><td class="number error">–</td><td class="bar-cell"><span class="bar"><span class="bar-fill"></span><span class="bar-target"></span></span></td>`;
        const target = line.querySelector<HTMLElement>('.bar-target')!;
        target.style.left = `${TUTORIAL_TARGETS[row]! * 100}%`;
        return line;
      }),
    );
  }

  update(predictions: number[], weights: LayerWeights[]): void {
    const rows = this.#predictions.rows;
    predictions.forEach((prediction, row) => {
      const line = rows[row];
      if (!line) return;
      const error = Math.abs(prediction - TUTORIAL_TARGETS[row]!);
      const predictionCell = line.querySelector<HTMLElement>('.prediction')!;
      predictionCell.textContent = prediction.toFixed(4);
      predictionCell.dataset.value = String(prediction);
      line.querySelector<HTMLElement>('.error')!.textContent = error.toFixed(4);
      const fill = line.querySelector<HTMLElement>('.bar-fill')!;
      fill.style.width = `${Math.max(0, Math.min(1, prediction)) * 100}%`;
      line.classList.toggle('close', error < 0.05);
    });
    this.#showWeights(weights);
  }

  #showWeights(weights: LayerWeights[]): void {
    const key = weights.map((layer) => `${layer.inFeatures}x${layer.outFeatures}`).join();
    if (key !== this.#shapeKey) {
      this.#shapeKey = key;
      this.#weightCells = [];
      this.#weights.replaceChildren(
        ...weights.map((layer, index) => {
          const figure = document.createElement('figure');
          figure.className = 'matrix';
          const caption = document.createElement('figcaption');
          caption.innerHTML = `W<sub>${index + 1}</sub> <span class="muted">${layer.inFeatures}×${layer.outFeatures}</span>`;
          const table = document.createElement('table');
          const cells: HTMLTableCellElement[] = [];
          const head = table.createTHead().insertRow();
          head.append(document.createElement('th'));
          for (let column = 0; column < layer.outFeatures; column++) {
            const header = document.createElement('th');
            header.scope = 'col';
            header.textContent = index === weights.length - 1 ? 'out' : `h${index + 1}.${column + 1}`;
            head.append(header);
          }
          const body = table.createTBody();
          for (let row = 0; row < layer.inFeatures; row++) {
            const line = body.insertRow();
            const header = document.createElement('th');
            header.scope = 'row';
            header.textContent = index === 0 ? (['x1', 'x2', '1'][row] ?? `x${row + 1}`) : `h${index}.${row + 1}`;
            line.append(header);
            for (let column = 0; column < layer.outFeatures; column++) cells.push(line.insertCell());
          }
          this.#weightCells.push(cells);
          figure.append(caption, table);
          return figure;
        }),
      );
    }
    weights.forEach((layer, index) => {
      const cells = this.#weightCells[index]!;
      let largest = 1e-9;
      for (const value of layer.weight) largest = Math.max(largest, Math.abs(value));
      layer.weight.forEach((value, cell) => {
        const element = cells[cell]!;
        element.textContent = value.toFixed(3);
        element.style.background = cssColor(divergingColor((0.6 * value) / largest));
        element.style.color = Math.abs(value) / largest > 0.75 ? '#fff' : '';
      });
    });
  }
}
