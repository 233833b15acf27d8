// The standard gate set: OpenQASM 2's qelib1 and OpenQASM 3's stdgates, with Qiskit's matrices
// (little-endian: for cx the control is local qubit 0, the target local qubit 1).
import { type Param, unary } from "../expr.ts";
import type { GateDefinition, GateStructure, ShiftRule } from "./definition.ts";
import { cis, controlled, diagonal, identity, m2, type Matrix, ONE, scale, ZERO } from "./matrix.ts";

const S2 = Math.SQRT1_2;
const neg = (p: Param): Param => (typeof p === "number" ? -p : unary("neg", p));

/** A gate without parameters; `inverseName` null when its inverse has no name (then U† is used). */
function fixed(name: string, numQubits: number, structure: GateStructure, matrix: Matrix, inverseName: string | null = name): GateDefinition {
  const def: GateDefinition = { name, numQubits, numParams: 0, structure, matrix: () => matrix };
  return inverseName === null ? def : { ...def, inverse: () => ({ gate: inverseName, params: [] }) };
}

function controlledFixed(name: string, base: string, controls: number, structure: GateStructure, matrix: Matrix, inverseName: string | null = name): GateDefinition {
  return { ...fixed(name, controls + (structure === "swap" ? 2 : 1), structure, matrix, inverseName), controlledBase: { gate: base, controls } };
}

/** exp(−iθ/2 P) for a Pauli string P: derivative ½·U(θ+π); inverse U(−θ). */
function rotation(name: string, numQubits: number, structure: GateStructure, build: (theta: number) => Matrix): GateDefinition {
  return {
    name, numQubits, numParams: 1, structure, paramNames: ["theta"],
    matrix: (p) => build(p[0]!),
    derivative: (p) => scale(build(p[0]! + Math.PI), 0.5),
    shiftRules: ["two-term"],
    inverse: ([theta]) => ({ gate: name, params: [neg(theta!)] }),
  };
}

/** Single-controlled version of a one-qubit parametric gate (control = local qubit 0). */
function controlledParametric(name: string, base: GateDefinition, shiftRules: readonly ShiftRule[]): GateDefinition {
  return {
    name, numQubits: base.numQubits + 1, numParams: base.numParams, paramNames: base.paramNames,
    structure: base.structure === "diagonal" ? "diagonal" : "general",
    matrix: (p) => controlled(base.matrix(p)),
    derivative: (p, k) => controlled(base.derivative!(p, k), 1, true),
    shiftRules,
    controlledBase: { gate: base.name, controls: 1 },
    inverse: (params) => ({ gate: name, params: base.inverse!(params).params }),
  };
}

const half = (t: number) => [Math.cos(t / 2), Math.sin(t / 2)] as const;

const rx = rotation("rx", 1, "general", (t) => { const [c, s] = half(t); return m2([c, 0], [0, -s], [0, -s], [c, 0]); });
const ry = rotation("ry", 1, "general", (t) => { const [c, s] = half(t); return m2([c, 0], [-s, 0], [s, 0], [c, 0]); });
const rz = rotation("rz", 1, "diagonal", (t) => diagonal(cis(-t / 2), cis(t / 2)));

function u3Matrix(theta: number, phi: number, lambda: number): Matrix {
  const [c, s] = half(theta);
  const [el, eli] = cis(lambda), [ep, epi] = cis(phi), [epl, epli] = cis(phi + lambda);
  return m2([c, 0], [-el * s, -eli * s], [ep * s, epi * s], [epl * c, epli * c]);
}

function u3Derivative(theta: number, phi: number, lambda: number, k: number): Matrix {
  const [c, s] = half(theta);
  const [el, eli] = cis(lambda), [ep, epi] = cis(phi), [epl, epli] = cis(phi + lambda);
  if (k === 0) return m2([-s / 2, 0], [(-el * c) / 2, (-eli * c) / 2], [(ep * c) / 2, (epi * c) / 2], [(-epl * s) / 2, (-epli * s) / 2]);
  // i·e^{iα} = (−sin α, cos α)
  if (k === 1) return m2(ZERO, ZERO, [-epi * s, ep * s], [-epli * c, epl * c]);
  return m2(ZERO, [eli * s, -el * s], ZERO, [-epli * c, epl * c]);
}

const u3: GateDefinition = {
  name: "u3", numQubits: 1, numParams: 3, structure: "general", paramNames: ["theta", "phi", "lambda"],
  matrix: (p) => u3Matrix(p[0]!, p[1]!, p[2]!),
  derivative: (p, k) => u3Derivative(p[0]!, p[1]!, p[2]!, k),
  shiftRules: ["two-term", "two-term", "two-term"],
  inverse: ([t, p, l]) => ({ gate: "u3", params: [neg(t!), neg(l!), neg(p!)] }),
};

const u2: GateDefinition = {
  name: "u2", numQubits: 1, numParams: 2, structure: "general", paramNames: ["phi", "lambda"],
  matrix: (p) => u3Matrix(Math.PI / 2, p[0]!, p[1]!),
  derivative: (p, k) => u3Derivative(Math.PI / 2, p[0]!, p[1]!, k + 1),
  shiftRules: ["two-term", "two-term"],
  inverse: ([p, l]) => ({ gate: "u3", params: [-Math.PI / 2, neg(l!), neg(p!)] }),
};

const phase: GateDefinition = {
  name: "p", numQubits: 1, numParams: 1, structure: "diagonal", paramNames: ["lambda"],
  matrix: (p) => diagonal(ONE, cis(p[0]!)),
  derivative: (p) => { const [c, s] = cis(p[0]!); return diagonal(ZERO, [-s, c]); },
  shiftRules: ["two-term"],
  inverse: ([l]) => ({ gate: "p", params: [neg(l!)] }),
};

const cuMatrix = (p: ArrayLike<number>) => scale(u3Matrix(p[0]!, p[1]!, p[2]!), ...cis(p[3]!));
const cu: GateDefinition = {
  name: "cu", numQubits: 2, numParams: 4, structure: "general", paramNames: ["theta", "phi", "lambda", "gamma"],
  matrix: (p) => controlled(cuMatrix(p)),
  derivative: (p, k) =>
    controlled(k === 3 ? scale(cuMatrix(p), 0, 1) : scale(u3Derivative(p[0]!, p[1]!, p[2]!, k), ...cis(p[3]!)), 1, true),
  shiftRules: ["four-term", "two-term", "two-term", "two-term"],
  inverse: ([t, p, l, g]) => ({ gate: "cu", params: [neg(t!), neg(l!), neg(p!), neg(g!)] }),
};

const X = m2(ZERO, ONE, ONE, ZERO);
const Y = m2(ZERO, [0, -1], [0, 1], ZERO);
const Z = diagonal(ONE, [-1, 0]);
const H = m2([S2, 0], [S2, 0], [S2, 0], [-S2, 0]);
const SX = m2([0.5, 0.5], [0.5, -0.5], [0.5, -0.5], [0.5, 0.5]);
const SXDG = m2([0.5, -0.5], [0.5, 0.5], [0.5, 0.5], [0.5, -0.5]);
/** A 4×4 matrix with the given (row, col, re, im) entries. */
function sparse4(entries: readonly (readonly [number, number, number, number])[]): Matrix {
  const m = new Float64Array(32);
  for (const [r, c, re, im] of entries) {
    m[2 * (r * 4 + c)] = re;
    m[2 * (r * 4 + c) + 1] = im;
  }
  return m;
}

const SWAP = sparse4([[0, 0, 1, 0], [1, 2, 1, 0], [2, 1, 1, 0], [3, 3, 1, 0]]);
const ISWAP = sparse4([[0, 0, 1, 0], [1, 2, 0, 1], [2, 1, 0, 1], [3, 3, 1, 0]]);

// ECR = (IX − XY)/√2 in Qiskit's little-endian order (self-inverse).
const ECR = sparse4([[0, 1, S2, 0], [0, 3, 0, S2], [1, 0, S2, 0], [1, 2, 0, -S2], [2, 1, 0, S2], [2, 3, S2, 0], [3, 0, 0, -S2], [3, 2, S2, 0]]);

/** exp(−iθ/2 P⊗P) = cos(θ/2)·I − i·sin(θ/2)·P⊗P, for a real, anti-diagonal P⊗P given by its signs. */
function antiDiagonalRotation(name: string, signs: readonly [number, number, number, number]): GateDefinition {
  return rotation(name, 2, "general", (t) => {
    const [c, s] = half(t);
    return sparse4([[0, 0, c, 0], [1, 1, c, 0], [2, 2, c, 0], [3, 3, c, 0], [0, 3, 0, -s * signs[0]], [1, 2, 0, -s * signs[1]], [2, 1, 0, -s * signs[2]], [3, 0, 0, -s * signs[3]]]);
  });
}

const rxx = antiDiagonalRotation("rxx", [1, 1, 1, 1]); // X⊗X
const ryy = antiDiagonalRotation("ryy", [-1, 1, 1, -1]); // Y⊗Y
const rzz = rotation("rzz", 2, "diagonal", (t) => diagonal(cis(-t / 2), cis(t / 2), cis(t / 2), cis(-t / 2)));

const definitions: GateDefinition[] = [
  fixed("id", 1, "diagonal", identity(2)),
  fixed("x", 1, "x", X),
  fixed("y", 1, "general", Y),
  fixed("z", 1, "diagonal", Z),
  fixed("h", 1, "general", H),
  fixed("s", 1, "diagonal", diagonal(ONE, [0, 1]), "sdg"),
  fixed("sdg", 1, "diagonal", diagonal(ONE, [0, -1]), "s"),
  fixed("t", 1, "diagonal", diagonal(ONE, cis(Math.PI / 4)), "tdg"),
  fixed("tdg", 1, "diagonal", diagonal(ONE, cis(-Math.PI / 4)), "t"),
  fixed("sx", 1, "general", SX, "sxdg"),
  fixed("sxdg", 1, "general", SXDG, "sx"),
  rx, ry, rz, phase, u2, u3,
  controlledFixed("cx", "x", 1, "x", controlled(X)),
  controlledFixed("cy", "y", 1, "general", controlled(Y)),
  controlledFixed("cz", "z", 1, "diagonal", controlled(Z)),
  controlledFixed("ch", "h", 1, "general", controlled(H)),
  controlledFixed("csx", "sx", 1, "general", controlled(SX), null),
  fixed("swap", 2, "swap", SWAP),
  fixed("iswap", 2, "general", ISWAP, null),
  fixed("ecr", 2, "general", ECR),
  controlledFixed("ccx", "x", 2, "x", controlled(X, 2)),
  controlledFixed("cswap", "swap", 1, "swap", controlled(SWAP)),
  controlledParametric("crx", rx, ["four-term"]),
  controlledParametric("cry", ry, ["four-term"]),
  controlledParametric("crz", rz, ["four-term"]),
  controlledParametric("cp", phase, ["two-term"]),
  controlledParametric("cu3", u3, ["four-term", "two-term", "two-term"]),
  cu, rxx, ryy, rzz,
];

const ALIASES: Record<string, string> = { u1: "p", u: "u3", cu1: "cp", cnot: "cx", toffoli: "ccx", fredkin: "cswap", i: "id", phase: "p", cphase: "cp" };

const CATALOG = new Map(definitions.map((d) => [d.name, d]));

/** The definition for a gate name or alias (u1→p, u→u3, cu1→cp, ...), or undefined. */
export function gateDefinition(name: string): GateDefinition | undefined {
  return CATALOG.get(ALIASES[name] ?? name);
}

/** Canonical name for a gate or alias. */
export function canonicalGateName(name: string): string {
  return ALIASES[name] ?? name;
}

export function standardGateNames(): string[] {
  return [...CATALOG.keys()];
}

