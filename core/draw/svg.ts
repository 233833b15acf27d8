// drawSvg(circuit): a clean, scalable SVG drawing from the same layout as drawText: wires,
// labelled gate boxes, control dots and ⊕ targets, swaps, measurement meters with their classical
// wires, resets, barriers and conditions. Deterministic (no random ids), self-contained.
import type { Circuit } from "../circuit/circuit.ts";
import { type Column, type Element, layoutCircuit } from "./layout.ts";

const ROW = 48, CHAR = 7.6, PAD_X = 18, LABEL_GAP = 12, TOP = 24;
const FONT = "font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, monospace\"";

export interface SvgSize { width: number; height: number }

export function drawSvg(circuit: Circuit): string {
  return renderSvg(circuit).svg;
}

/** The SVG and its size in pixels. */
export function renderSvg(circuit: Circuit): { svg: string } & SvgSize {
  const layout = layoutCircuit(circuit);
  const labelWidth = Math.ceil(Math.max(2, ...layout.rowLabels.map((l) => l.length)) * CHAR) + LABEL_GAP * 2;
  const columnWidths = layout.columns.map((c) => Math.max(40, Math.ceil(c.width * CHAR) + PAD_X * 2));
  const width = labelWidth + columnWidths.reduce((a, b) => a + b, 0) + LABEL_GAP;
  const height = TOP * 2 + (layout.rowLabels.length - 1) * ROW + 12;
  const y = (row: number) => TOP + row * ROW;
  const parts: string[] = [];

  layout.rowLabels.forEach((label, row) => {
    const classical = row >= layout.numQubitRows;
    parts.push(`<text x="${LABEL_GAP}" y="${y(row) + 5}" class="label">${escape(label)}</text>`);
    if (classical) {
      parts.push(`<line x1="${labelWidth}" y1="${y(row) - 2}" x2="${width - LABEL_GAP}" y2="${y(row) - 2}" class="wire"/>`);
      parts.push(`<line x1="${labelWidth}" y1="${y(row) + 2}" x2="${width - LABEL_GAP}" y2="${y(row) + 2}" class="wire"/>`);
    } else {
      parts.push(`<line x1="${labelWidth}" y1="${y(row)}" x2="${width - LABEL_GAP}" y2="${y(row)}" class="wire"/>`);
    }
  });

  let x = labelWidth;
  layout.columns.forEach((column, k) => {
    const cx = x + columnWidths[k]! / 2;
    parts.push(...links(column, cx, y));
    for (const element of column.elements) parts.push(...shape(element, cx, columnWidths[k]!, y));
    x += columnWidths[k]!;
  });

  const style = [
    ".wire{stroke:#444;stroke-width:1.2}",
    ".link{stroke:#222;stroke-width:1.5}",
    ".box{fill:#eef4ff;stroke:#2a4d8f;stroke-width:1.5}",
    ".meter{fill:#f4f4f4;stroke:#333;stroke-width:1.5}",
    ".dot{fill:#222}",
    ".barrier{fill:#ddd;fill-opacity:0.6;stroke:#999;stroke-dasharray:4 3}",
    "text{font-size:13px;fill:#111}",
    ".label{font-size:13px;fill:#333}",
    ".small{font-size:10px;fill:#555}",
  ].join("");
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<style>${style}</style>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...parts,
    "</svg>",
  ].join("\n");
  return { svg: `${svg}\n`, width, height };
}

function links(column: Column, cx: number, y: (row: number) => number): string[] {
  return column.links.map((l) =>
    l.classical
      ? `<path d="M${cx - 2} ${y(l.top)}V${y(l.bottom) - 2}M${cx + 2} ${y(l.top)}V${y(l.bottom) - 2}" class="link" fill="none"/>`
      : `<line x1="${cx}" y1="${y(l.top)}" x2="${cx}" y2="${y(l.bottom)}" class="link"/>`,
  );
}

function shape(element: Element, cx: number, columnWidth: number, y: (row: number) => number): string[] {
  switch (element.kind) {
    case "control": return [`<circle cx="${cx}" cy="${y(element.row)}" r="5" class="dot"/>`];
    case "target": {
      const cy = y(element.row);
      return [`<circle cx="${cx}" cy="${cy}" r="11" fill="#fff" class="link"/>`, `<path d="M${cx - 11} ${cy}H${cx + 11}M${cx} ${cy - 11}V${cy + 11}" class="link"/>`];
    }
    case "swap": {
      const cy = y(element.row);
      return [`<path d="M${cx - 6} ${cy - 6}L${cx + 6} ${cy + 6}M${cx - 6} ${cy + 6}L${cx + 6} ${cy - 6}" class="link"/>`];
    }
    case "box": {
      const top = y(element.rows[0]!) - 16, bottom = y(element.rows[element.rows.length - 1]!) + 16;
      const w = Math.max(32, columnWidth - 12);
      const labelY = (top + bottom) / 2 + 5;
      return [
        `<rect x="${cx - w / 2}" y="${top}" width="${w}" height="${bottom - top}" rx="4" class="box"/>`,
        `<text x="${cx}" y="${labelY}" text-anchor="middle">${escape(element.label)}</text>`,
      ];
    }
    case "reset": {
      const cy = y(element.row);
      return [`<rect x="${cx - 18}" y="${cy - 16}" width="36" height="32" rx="4" class="box"/>`, `<text x="${cx}" y="${cy + 5}" text-anchor="middle">|0⟩</text>`];
    }
    case "measure": {
      const cy = y(element.row), cyc = y(element.classicalRow);
      return [
        `<rect x="${cx - 16}" y="${cy - 16}" width="32" height="32" rx="4" class="meter"/>`,
        `<path d="M${cx - 10} ${cy + 6}A11 11 0 0 1 ${cx + 10} ${cy + 6}M${cx} ${cy + 8}L${cx + 8} ${cy - 8}" class="link" fill="none"/>`,
        `<path d="M${cx - 5} ${cyc - 9}L${cx} ${cyc - 3}L${cx + 5} ${cyc - 9}Z" class="dot"/>`,
        `<text x="${cx + 6}" y="${cyc + 16}" class="small">${element.bit}</text>`,
      ];
    }
    case "barrier": {
      const top = y(element.rows[0]!) - 20, bottom = y(element.rows[element.rows.length - 1]!) + 20;
      return [`<rect x="${cx - 5}" y="${top}" width="10" height="${bottom - top}" class="barrier"/>`];
    }
    case "condition": {
      const cy = y(element.classicalRow);
      return [`<circle cx="${cx}" cy="${cy}" r="5" class="dot"/>`, `<text x="${cx + 8}" y="${cy + 18}" class="small">${escape(element.text)}</text>`];
    }
  }
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
