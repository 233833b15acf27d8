// Lists of numbers as people type them ("0.4, -0.2 0.9"), with a message naming the bad entry.
export function parseNumbers(text: string): { values: number[]; error: string | null } {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values: number[] = [];
  for (const [i, part] of parts.entries()) {
    const value = Number(part);
    if (!Number.isFinite(value)) return { values, error: `entry ${i + 1} ("${part}") is not a number` };
    values.push(value);
  }
  return { values, error: null };
}

export const formatNumbers = (values: readonly number[]) => values.join(", ");

export const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : "—");
