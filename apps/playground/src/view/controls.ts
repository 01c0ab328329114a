import {
  ACTIVATIONS,
  ACTIVATION_LABELS,
  type ActivationName,
  LEARNING_RATES,
  LIMITS,
  OPTIMIZERS,
  OPTIMIZER_LABELS,
  type OptimizerName,
  PROBLEMS,
  type ProblemName,
  SPEEDS,
  type Settings,
} from '../settings/settings';

/** The form controls that edit the settings, found by id in index.html. */
export class Controls {
  readonly #form: HTMLFormElement;
  readonly #problem: RadioNodeList;
  readonly #noise: HTMLInputElement;
  readonly #trainPercent: HTMLInputElement;
  readonly #points: HTMLInputElement;
  readonly #layers: HTMLInputElement;
  readonly #units: HTMLElement;
  readonly #unitsLegend: HTMLLegendElement;
  readonly #activation: HTMLSelectElement;
  readonly #optimizer: HTMLSelectElement;
  readonly #learningRate: HTMLSelectElement;
  readonly #batchSize: HTMLInputElement;
  readonly #seed: HTMLInputElement;
  readonly #speed: HTMLSelectElement;
  #hidden: number[] = [];

  /**
   * `onChange` gets the new settings after any edit; `onProblem` gets a newly picked problem (whose preset replaces
   * the other settings, so the caller decides what to apply).
   */
  constructor(
    form: HTMLFormElement,
    readonly onChange: (settings: Settings) => void,
    readonly onProblem: (problem: ProblemName) => void,
  ) {
    this.#form = form;
    this.#problem = form.elements.namedItem('problem') as RadioNodeList;
    this.#noise = byId('noise');
    this.#trainPercent = byId('train-percent');
    this.#points = byId('points');
    this.#layers = byId('hidden-layers');
    this.#units = byId('hidden-units');
    this.#unitsLegend = this.#units.querySelector('legend') ?? document.createElement('legend');
    this.#activation = byId('activation');
    this.#optimizer = byId('optimizer');
    this.#learningRate = byId('learning-rate');
    this.#batchSize = byId('batch-size');
    this.#seed = byId('seed');
    this.#speed = byId('speed');

    fillOptions(
      this.#activation,
      ACTIVATIONS.map((name) => [name, ACTIVATION_LABELS[name]]),
    );
    fillOptions(
      this.#optimizer,
      OPTIMIZERS.map((name) => [name, OPTIMIZER_LABELS[name]]),
    );
    this.#layers.min = String(LIMITS.hiddenLayers.min);
    this.#layers.max = String(LIMITS.hiddenLayers.max);
    this.#batchSize.max = String(LIMITS.batchSize.max);
    this.#seed.max = String(LIMITS.seed.max);

    form.addEventListener('submit', (event) => event.preventDefault());
    for (const radio of Array.from(this.#problem) as HTMLInputElement[]) {
      radio.addEventListener('change', () => {
        if (radio.checked) this.onProblem(radio.value as ProblemName);
      });
    }
    for (const range of [this.#noise, this.#trainPercent, this.#points]) {
      range.addEventListener('input', () => {
        this.#showRangeValues();
        this.#emit();
      });
    }
    const changeable = [
      this.#activation,
      this.#optimizer,
      this.#learningRate,
      this.#batchSize,
      this.#seed,
      this.#speed,
    ];
    for (const element of changeable) {
      element.addEventListener('change', () => this.#emit());
    }
    this.#layers.addEventListener('change', () => {
      const count = clampInteger(this.#layers.value, LIMITS.hiddenLayers, this.#hidden.length);
      const last = this.#hidden[this.#hidden.length - 1] ?? 4;
      this.#hidden = Array.from({ length: count }, (_, index) => this.#hidden[index] ?? last);
      this.#renderUnits();
      this.#emit();
    });
    byId<HTMLButtonElement>('new-seed').addEventListener('click', () => {
      this.#seed.value = String(Math.floor(Math.random() * 100_000));
      this.#emit();
    });
  }

  /** Shows `settings` in the controls (without calling `onChange`). */
  set(settings: Settings): void {
    for (const radio of Array.from(this.#problem) as HTMLInputElement[])
      radio.checked = radio.value === settings.problem;
    this.#noise.value = String(settings.noise);
    this.#trainPercent.value = String(settings.trainPercent);
    this.#points.value = String(settings.points);
    this.#hidden = [...settings.hidden];
    this.#renderUnits();
    this.#activation.value = settings.activation;
    this.#optimizer.value = settings.optimizer;
    const rates = LEARNING_RATES.includes(settings.learningRate)
      ? LEARNING_RATES
      : [...LEARNING_RATES, settings.learningRate].sort((a, b) => a - b);
    fillOptions(
      this.#learningRate,
      rates.map((rate) => [String(rate), String(rate)]),
    );
    this.#learningRate.value = String(settings.learningRate);
    this.#batchSize.value = String(settings.batchSize);
    this.#seed.value = String(settings.seed);
    const speeds = SPEEDS.includes(settings.speed) ? SPEEDS : [...SPEEDS, settings.speed];
    fillOptions(
      this.#speed,
      speeds.map((speed) => [String(speed), speedLabel(speed)]),
    );
    this.#speed.value = String(settings.speed);
    this.#showRangeValues();
    const tutorial = settings.problem === 'tutorial';
    byId<HTMLFieldSetElement>('data-controls').hidden = tutorial;
    this.#form.dataset.problem = settings.problem;
  }

  /** The settings the controls show; out-of-range numbers are clamped and written back. */
  read(): Settings {
    const checked = (Array.from(this.#problem) as HTMLInputElement[]).find((radio) => radio.checked);
    const settings: Settings = {
      problem: (checked?.value ?? PROBLEMS[0]) as ProblemName,
      noise: clampInteger(this.#noise.value, LIMITS.noise, 0),
      trainPercent: clampInteger(this.#trainPercent.value, LIMITS.trainPercent, 50),
      points: clampInteger(this.#points.value, LIMITS.points, 500),
      hidden: [...this.#hidden],
      activation: this.#activation.value as ActivationName,
      optimizer: this.#optimizer.value as OptimizerName,
      learningRate: Number(this.#learningRate.value),
      batchSize: clampInteger(this.#batchSize.value, LIMITS.batchSize, 32),
      seed: clampInteger(this.#seed.value, LIMITS.seed, 1),
      speed: Number(this.#speed.value),
    };
    this.#batchSize.value = String(settings.batchSize);
    this.#seed.value = String(settings.seed);
    return settings;
  }

  #emit(): void {
    this.onChange(this.read());
  }

  #renderUnits(): void {
    this.#layers.value = String(this.#hidden.length);
    const fields = this.#hidden.map((units, index) => {
      const label = document.createElement('label');
      label.className = 'unit-field';
      const input = document.createElement('input');
      input.type = 'number';
      input.min = String(LIMITS.units.min);
      input.max = String(LIMITS.units.max);
      input.value = String(units);
      input.id = `units-${index + 1}`;
      input.addEventListener('change', () => {
        this.#hidden[index] = clampInteger(input.value, LIMITS.units, units);
        input.value = String(this.#hidden[index]);
        this.#emit();
      });
      label.append(`Layer ${index + 1}`, input);
      return label;
    });
    if (fields.length === 0) {
      const none = document.createElement('p');
      none.className = 'muted';
      none.textContent = 'No hidden layer: a linear model.';
      this.#units.replaceChildren(this.#unitsLegend, none);
    } else {
      this.#units.replaceChildren(this.#unitsLegend, ...fields);
    }
  }

  #showRangeValues(): void {
    byId('noise-value').textContent = `${this.#noise.value}%`;
    byId('train-percent-value').textContent = `${this.#trainPercent.value}%`;
    byId('points-value').textContent = this.#points.value;
  }
}

/** The element with this id (throws if index.html lacks it). */
export function byId<E extends HTMLElement = HTMLInputElement>(id: string): E {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no element #${id}`);
  return element as E;
}

function speedLabel(speed: number): string {
  return speed === 0 ? 'Full speed' : `${speed.toLocaleString('en')} steps/s`;
}

function fillOptions(select: HTMLSelectElement, options: [string, string][]): void {
  select.replaceChildren(
    ...options.map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
}

function clampInteger(text: string, range: { min: number; max: number }, fallback: number): number {
  const value = Math.round(Number(text));
  if (text.trim() === '' || !Number.isFinite(value)) return fallback;
  return Math.max(range.min, Math.min(range.max, value));
}
