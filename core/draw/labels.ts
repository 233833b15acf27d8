// Short, readable labels for drawings: Qiskit-style gate names and parameters with π fractions.
import { formatParam, type Param } from "../expr.ts";

const NAMES: Record<string, string> = {
  id: "I", x: "X", y: "Y", z: "Z", h: "H", s: "S", sdg: "Sdg", t: "T", tdg: "Tdg", sx: "√X", sxdg: "√Xdg",
  rx: "Rx", ry: "Ry", rz: "Rz", p: "P", u2: "U2", u3: "U3", cu: "U", rxx: "Rxx", ryy: "Ryy", rzz: "Rzz", iswap: "Iswap", ecr: "Ecr",
};

export function gateName(gate: string, label?: string): string {
  return label ?? NAMES[gate] ?? gate;
}

/** A parameter in at most a few characters: π/2, -3π/4, 0.123, θ-names as written. */
export function shortParam(p: Param): string {
  if (typeof p === "number" || p.kind === "const") {
    const value = typeof p === "number" ? p : p.value;
    for (const d of [1, 2, 3, 4, 6, 8, 12, 16]) {
      const k = (value * d) / Math.PI;
      if (Math.abs(k - Math.round(k)) < 1e-9 && Math.round(k) !== 0) {
        const n = Math.round(k);
        const numerator = n === 1 ? "π" : n === -1 ? "-π" : `${n}π`;
        return d === 1 ? numerator : `${numerator}/${d}`;
      }
    }
    if (value === 0) return "0";
    const text = Math.abs(value) >= 1e4 || Math.abs(value) < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(3)));
    return text;
  }
  return formatParam(p, 3).replace(/\bpi\b/g, "π").replace(/ /g, "");
}

export function gateLabel(gate: string, params: readonly Param[], label?: string): string {
  const name = gateName(gate, label);
  return params.length ? `${name}(${params.map(shortParam).join(",")})` : name;
}
