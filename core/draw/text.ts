// drawText(circuit): a monospace drawing in the style of Qiskit's text drawer, three text lines
// per wire. Deterministic: the same circuit always gives the same string.
//      ┌───┐
// q_0: ┤ H ├──■──
//      └───┘┌─┴─┐
// q_1: ─────┤ X ├
//           └───┘
import type { Circuit } from "../circuit/circuit.ts";
import { type Column, type Element, layoutCircuit } from "./layout.ts";

export function drawText(circuit: Circuit): string {
  const layout = layoutCircuit(circuit);
  const labelWidth = Math.max(0, ...layout.rowLabels.map((l) => l.length)) + 2;
  const lines: string[] = [];
  layout.rowLabels.forEach((label, row) => {
    const classical = row >= layout.numQubitRows;
    const prefix = classical ? `${label} `.padStart(labelWidth) : `${label}: `.padStart(labelWidth);
    const [top, mid, bottom] = [" ".repeat(labelWidth), prefix, " ".repeat(labelWidth)];
    const cells = layout.columns.map((column) => cell(column, row, classical));
    lines.push(top + cells.map((c) => c[0]).join(""), mid + cells.map((c) => c[1]).join(""), bottom + cells.map((c) => c[2]).join(""));
  });
  return `${lines.map((l) => l.trimEnd()).join("\n")}\n`;
}

/** The three lines (top, wire, bottom) of one row in one column. */
function cell(column: Column, row: number, classical: boolean): [string, string, string] {
  const width = Math.max(5, column.width + 4) | 1; // odd, so connectors sit in the middle
  const centre = (width - 1) / 2;
  const wire = classical ? "═" : "─";
  const from = column.links.find((l) => l.bottom === row && l.top < row);
  const to = column.links.find((l) => l.top === row && l.bottom > row);
  const through = column.links.find((l) => l.top < row && l.bottom > row);
  const vertical = (link: Column["links"][number] | undefined) => (link ? (link.classical ? "║" : "│") : " ");
  const centred = (text: string, fill: string) => {
    const left = Math.floor((width - text.length) / 2);
    return fill.repeat(left) + text + fill.repeat(width - left - text.length);
  };
  const mark = (symbol: string): [string, string, string] => [centred(vertical(from ?? through), " "), centred(symbol, wire), centred(vertical(to ?? through), " ")];

  const element = column.elements.find((e) => covers(e, row));
  if (!element) {
    if (!through) return [" ".repeat(width), wire.repeat(width), " ".repeat(width)];
    const cross = through.classical ? (classical ? "╬" : "╫") : classical ? "╪" : "┼";
    return mark(cross);
  }
  switch (element.kind) {
    case "control": return mark("■");
    case "target": return box(["X"], 0, from, to, width, centre);
    case "swap": return mark("X");
    case "barrier": return [centred("░", " "), centred("░", wire), centred("░", " ")];
    case "reset": return box(["|0>"], 0, from, to, width, centre);
    case "condition": return [centred(vertical(from ?? through), " "), centred("■", wire), centred(element.text, " ")];
    case "measure":
      if (row === element.row) return [centred("┌─┐", " "), centred("┤M├", wire), centred("└╥┘", " ")];
      return [centred("║", " "), centred("╩", wire), centred(String(element.bit), " ")];
    case "box": {
      const first = element.rows[0]!, last = element.rows[element.rows.length - 1]!;
      const lines = new Array<string>(last - first + 1).fill("");
      lines[0] = element.label;
      return box(lines, row - first, row === first ? from : undefined, row === last ? to : undefined, width, centre, last - first + 1);
    }
  }
}

function covers(e: Element, row: number): boolean {
  switch (e.kind) {
    case "box": return row >= e.rows[0]! && row <= e.rows[e.rows.length - 1]!;
    case "barrier": return e.rows.includes(row);
    case "measure": return e.row === row || e.classicalRow === row;
    case "condition": return e.classicalRow === row;
    default: return e.row === row;
  }
}

/** Line `index` of a box `height` rows tall, labelled on its first row, with connectors above/below. */
type Link = Column["links"][number] | undefined;

function box(labels: string[], index: number, from: Link, to: Link, width: number, centre: number, height = 1): [string, string, string] {
  const inner = Math.max(...labels.map((l) => l.length)) + 2;
  const left = Math.floor((width - inner - 2) / 2);
  const right = width - left - inner - 2;
  const label = labels[index] ?? "";
  const text = ` ${label}${" ".repeat(inner - 2 - label.length)} `;
  const edge = (l: string, fill: string, r: string, connector?: string) => {
    const chars = [...(l + fill.repeat(inner) + r)];
    if (connector) chars[centre - left] = connector;
    return " ".repeat(left) + chars.join("") + " ".repeat(right);
  };
  const top = index === 0 ? edge("┌", "─", "┐", from ? (from.classical ? "╨" : "┴") : undefined) : edge("│", " ", "│");
  const bottom = index === height - 1 ? edge("└", "─", "┘", to ? (to.classical ? "╥" : "┬") : undefined) : edge("│", " ", "│");
  const mid = "─".repeat(left) + "┤" + text + "├" + "─".repeat(right);
  return [top, mid, bottom];
}
