import type { ReportBreakdownItem } from '@oscc/contract';

export const MAP_INDICATORS = ['cases', 'reached', 'steps', 'overdue'] as const;
export type MapIndicator = (typeof MAP_INDICATORS)[number];

/**
 * Five classes, light to dark: ColorBrewer's YlGnBu, a sequential palette safe for colour-blind readers and in
 * greyscale; "no data" is a neutral grey that is not one of them.
 */
export const CLASS_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
export const NO_DATA_COLOUR = '#d4d4d4';

/** A share of decided outcomes (in time of in time + late), null when none is decided yet. */
export function shareOf(met: number, breached: number): number | null {
  const decided = met + breached;
  return decided === 0 ? null : met / decided;
}

/** A province's figure for an indicator: a count, or a share from 0 to 1 (null: nothing to show). */
export function indicatorValue(item: ReportBreakdownItem | undefined, indicator: MapIndicator): number | null {
  if (!item) return null;
  switch (indicator) {
    case 'cases':
      return item.cases;
    case 'reached':
      return shareOf(item.reachedMet, item.reachedBreached);
    case 'steps':
      return shareOf(item.stepsMet, item.stepsBreached);
    case 'overdue':
      return item.overdueNow;
  }
}

export const isShare = (indicator: MapIndicator) => indicator === 'reached' || indicator === 'steps';

/** A class's values: from (included) to (excluded; the last class includes its end). */
export interface MapClass {
  from: number;
  to: number;
  colour: string;
}

/** The smallest "nice" step (1, 2 or 5 times a power of ten) at least `value`. */
function niceStep(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}

/**
 * The legend's five classes. Shares are cut at fixed points (0–20–40–60–80–100 %) so two maps compare; counts in
 * five equal steps of a round size up to the largest figure, so every class reads as a plain range.
 */
export function mapClasses(indicator: MapIndicator, values: readonly number[]): MapClass[] {
  const count = CLASS_COLOURS.length;
  if (isShare(indicator))
    return CLASS_COLOURS.map((colour, index) => ({ from: index / count, to: (index + 1) / count, colour }));
  const step = niceStep(Math.max(0, ...values) / count);
  return CLASS_COLOURS.map((colour, index) => ({ from: index * step, to: (index + 1) * step, colour }));
}

/** The class a value falls in (the last class takes anything above its range). */
export function classOf(value: number, classes: readonly MapClass[]): MapClass | undefined {
  return classes.find((item, index) => value < item.to || index === classes.length - 1);
}
