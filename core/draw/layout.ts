// Places a circuit's operations in columns for drawing, shared by the text and SVG drawers.
// Rows are the qubits (0..n-1) and then one row per classical register. An operation occupies
// every row between its topmost and bottommost (its vertical connector crosses them), and goes
// into the first column where all those rows are free.
import type { Circuit } from "../circuit/circuit.ts";
import type { Operation } from "../circuit/operation.ts";
import { gateDefinition } from "../gates/standard.ts";
import { gateLabel } from "./labels.ts";

export type Element =
  | { kind: "box"; rows: number[]; label: string } // rows: target rows, top to bottom (a tall box spans them)
  | { kind: "control"; row: number }
  | { kind: "target"; row: number } // ⊕ of a controlled X
  | { kind: "swap"; row: number }
  | { kind: "measure"; row: number; classicalRow: number; bit: number }
  | { kind: "reset"; row: number }
  | { kind: "barrier"; rows: number[] }
  | { kind: "condition"; classicalRow: number; text: string };

export interface Column {
  elements: Element[];
  /** Vertical connectors: [top row, bottom row]; `classical` ones are drawn double. */
  links: { top: number; bottom: number; classical: boolean }[];
  /** Widest label in the column, in characters. */
  width: number;
}

export interface Layout {
  rowLabels: string[];
  numQubitRows: number;
  /** Bits per classical row. */
  classicalSizes: number[];
  columns: Column[];
}

export function layoutCircuit(circuit: Circuit): Layout {
  const qregs = circuit.qregs.length ? circuit.qregs : [{ name: "q", start: 0, size: circuit.numQubits }];
  const rowLabels: string[] = [];
  for (let q = 0; q < circuit.numQubits; q++) {
    const r = qregs.find((reg) => q >= reg.start && q < reg.start + reg.size);
    rowLabels.push(r ? `${r.name}_${q - r.start}` : `q_${q}`);
  }
  const cregs = circuit.cregs;
  for (const r of cregs) rowLabels.push(`${r.name}: ${r.size}/`);
  const classicalRowOf = (clbit: number) => circuit.numQubits + Math.max(0, cregs.findIndex((r) => clbit >= r.start && clbit < r.start + r.size));
  const bitIndex = (clbit: number) => clbit - (cregs.find((r) => clbit >= r.start && clbit < r.start + r.size)?.start ?? 0);

  const columns: Column[] = [];
  const level = new Array<number>(rowLabels.length).fill(0);
  for (const op of circuit.operations) {
    const { elements, links } = draw(op, classicalRowOf, bitIndex, circuit.cregs);
    const rows = [...elements.flatMap(rowsOf), ...links.flatMap((l) => [l.top, l.bottom])];
    const top = Math.min(...rows), bottom = Math.max(...rows);
    let column = 0;
    for (let r = top; r <= bottom; r++) column = Math.max(column, level[r]!);
    for (let r = top; r <= bottom; r++) level[r] = column + 1;
    while (columns.length <= column) columns.push({ elements: [], links: [], width: 1 });
    const target = columns[column]!;
    target.elements.push(...elements);
    target.links.push(...links);
    for (const e of elements) if (e.kind === "box") target.width = Math.max(target.width, e.label.length);
    for (const e of elements) if (e.kind === "condition") target.width = Math.max(target.width, e.text.length);
  }
  return { rowLabels, numQubitRows: circuit.numQubits, classicalSizes: cregs.map((r) => r.size), columns };
}

function rowsOf(e: Element): number[] {
  switch (e.kind) {
    case "box": case "barrier": return e.rows;
    case "measure": return [e.row, e.classicalRow];
    case "condition": return [e.classicalRow];
    default: return [e.row];
  }
}

function draw(op: Operation, classicalRowOf: (c: number) => number, bitIndex: (c: number) => number, cregs: Circuit["cregs"]): { elements: Element[]; links: Column["links"] } {
  const elements: Element[] = [];
  const links: Column["links"] = [];
  if (op.kind === "barrier") return { elements: [{ kind: "barrier", rows: [...op.qubits].sort((a, b) => a - b) }], links };
  if (op.kind === "measure") {
    const classicalRow = classicalRowOf(op.clbit);
    elements.push({ kind: "measure", row: op.qubit, classicalRow, bit: bitIndex(op.clbit) });
    links.push({ top: op.qubit, bottom: classicalRow, classical: true });
  } else if (op.kind === "reset") {
    elements.push({ kind: "reset", row: op.qubit });
  } else {
    // Controlled catalog gates are drawn as their base gate with control dots, like the compiler runs them.
    let gate = op.gate, qubits = op.qubits, controls = op.controls;
    const def = gate === "unitary" ? undefined : gateDefinition(gate);
    if (def?.controlledBase) {
      controls = [...controls, ...qubits.slice(0, def.controlledBase.controls)];
      qubits = qubits.slice(def.controlledBase.controls);
      gate = def.controlledBase.gate;
    }
    for (const c of controls) elements.push({ kind: "control", row: c });
    if (gate === "x" && controls.length) elements.push({ kind: "target", row: qubits[0]! });
    else if (gate === "z" && controls.length) elements.push({ kind: "control", row: qubits[0]! });
    else if (gate === "swap") for (const q of qubits) elements.push({ kind: "swap", row: q });
    else elements.push({ kind: "box", rows: [...qubits].sort((a, b) => a - b), label: gateLabel(gate, op.params, op.label) });
    const all = [...controls, ...qubits];
    if (all.length > 1) links.push({ top: Math.min(...all), bottom: Math.max(...all), classical: false });
  }
  if (op.condition) {
    const classicalRow = classicalRowOf(op.condition.clbits[0] ?? 0);
    const register = cregs.find((r) => r.size === op.condition!.clbits.length && op.condition!.clbits.every((c, k) => c === r.start + k));
    const text = register ? `=${op.condition.value}` : `${op.condition.clbits.map(bitIndex).join(",")}=${op.condition.value}`;
    elements.push({ kind: "condition", classicalRow, text });
    const qubitRows = elements.flatMap(rowsOf).filter((r) => r < classicalRow);
    links.push({ top: Math.max(...qubitRows), bottom: classicalRow, classical: true });
  }
  return { elements, links };
}
